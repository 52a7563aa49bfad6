/** Which ids one tap asks for: ≤ 3, one sort, distinct titles, nothing turned off for good. */
import fc from 'fast-check';
import type { HospitalEventKind } from '../../typings/events';
import type { SubscribeTemplateView } from '../../typings/push';
import { MAX_IDS_PER_REQUEST, subscribeResults, templateIdsToAsk } from './subscribe';

const T = (kind: HospitalEventKind, templateId: string, title: string, longTerm = false): SubscribeTemplateView => ({ kind, templateId, title, longTerm });
const LIBRARY = [
  T('appointment.booked', 'a', '预约成功'),
  T('visit.reminder', 'b', '就诊提醒'),
  T('session.stopped', 'c', '停诊通知'),
  T('bills.pending', 'd', '缴费提醒'),
  T('queue.near', 'q', '候诊提醒', true),
  T('survey.invite', 'e', '就诊提醒'),
];

test('the tap’s kinds, in order, at most 3', () => {
  expect(templateIdsToAsk(LIBRARY, ['appointment.booked', 'visit.reminder', 'session.stopped', 'bills.pending'], null)).toEqual(['a', 'b', 'c']);
});

test('never one-time and long-term together: one-time first, long-term alone', () => {
  expect(templateIdsToAsk(LIBRARY, ['queue.near', 'bills.pending'], null)).toEqual(['d']);
  expect(templateIdsToAsk(LIBRARY, ['queue.near'], null)).toEqual(['q']);
});

test('titles distinct; the main switch off asks nothing; kept rejects and bans are not asked; a kept long-term accept is not asked again; a kept one-time accept still is', () => {
  expect(templateIdsToAsk(LIBRARY, ['visit.reminder', 'survey.invite'], null)).toEqual(['b']);
  expect(templateIdsToAsk(LIBRARY, ['appointment.booked'], { mainSwitch: false })).toEqual([]);
  expect(templateIdsToAsk(LIBRARY, ['appointment.booked', 'visit.reminder', 'session.stopped'], { mainSwitch: true, itemSettings: { a: 'reject', b: 'ban', c: 'accept' } })).toEqual(['c']);
  expect(templateIdsToAsk(LIBRARY, ['queue.near'], { mainSwitch: true, itemSettings: { q: 'accept' } })).toEqual([]);
});

test('property: whatever the kinds and kept choices, ≤ 3 ids of one sort with distinct titles', () => {
  const kinds = fc.array(fc.constantFrom(...LIBRARY.map((t) => t.kind)), { maxLength: 8 });
  const kept = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'q', 'e'), fc.constantFrom('accept', 'reject', 'ban'));
  fc.assert(
    fc.property(kinds, kept, fc.boolean(), (ks, itemSettings, mainSwitch) => {
      const ids = templateIdsToAsk(LIBRARY, ks, { mainSwitch, itemSettings });
      const chosen = ids.map((id) => LIBRARY.find((t) => t.templateId === id) as SubscribeTemplateView);
      expect(ids.length).toBeLessThanOrEqual(MAX_IDS_PER_REQUEST);
      expect(new Set(chosen.map((t) => t.longTerm)).size).toBeLessThanOrEqual(1);
      expect(new Set(chosen.map((t) => t.title)).size).toBe(ids.length);
      for (const id of ids) expect(['reject', 'ban']).not.toContain(itemSettings[id]);
      if (!mainSwitch) expect(ids).toEqual([]);
    }),
  );
});

test('results: only the ids asked, only WeChat’s answers', () => {
  expect(subscribeResults({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'acceptWithAudio', c: 'weird', z: 'accept' }, ['a', 'b', 'c'])).toEqual({ a: 'accept', b: 'acceptWithAudio' });
});
