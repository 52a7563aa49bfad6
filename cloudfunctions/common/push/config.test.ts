/** The templates in configuration: every kind's template exists in WeChat's library with the same keywords, every page in app.json; production requires its own. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HospitalEvent } from '../../../typings/events';
import { keywordType, keywordValid } from '../../../miniprogram/core/keywords';
import { checkPushConfig, loadPushConfig, miniprogramState } from './config';
import { renderMessage } from './render';

const ROOT = path.resolve(__dirname, '../../..');
const library = (JSON.parse(readFileSync(path.join(ROOT, 'sandbox/cloud/data/templates.json'), 'utf8')) as { templates: { templateId: string; kind: string; keywords: { key: string }[] }[] }).templates;
const app = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as { pages: string[]; subpackages: { root: string; pages: string[] }[] };
const pages = new Set([...app.pages, ...app.subpackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]);
const config = loadPushConfig({ PALM_DEV: '1' });

test('every kind: a template of the library with exactly its keywords, long-term as the library says, a page of app.json', () => {
  for (const [kind, t] of Object.entries(config.kinds)) {
    const inLibrary = library.find((x) => x.templateId === t?.templateId);
    expect({ kind, found: inLibrary !== undefined }).toEqual({ kind, found: true });
    expect({ kind, keys: Object.keys(t?.keywords ?? {}).sort() }).toEqual({ kind, keys: (inLibrary?.keywords ?? []).map((k) => k.key).sort() });
    expect({ kind, longTerm: t?.longTerm }).toEqual({ kind, longTerm: inLibrary?.kind === 'long-term' });
    expect({ kind, page: pages.has(t?.page.split('?')[0] ?? '') }).toEqual({ kind, page: true });
  }
});

test('every kind renders, even from an event with no fields, to values WeChat accepts', () => {
  for (const [kind, t] of Object.entries(config.kinds)) {
    const event: HospitalEvent = { seq: 1, kind: kind as HospitalEvent['kind'], patientId: 'P1', occurredAt: '2026-11-26T02:00:00.000Z', fields: {} };
    const { data } = renderMessage(t as NonNullable<typeof t>, event, '张*明');
    for (const [key, { value }] of Object.entries(data)) expect({ kind, key, value, ok: keywordValid(keywordType(key) ?? 'thing', value) }).toMatchObject({ ok: true });
  }
});

test('production (anything without PALM_DEV=1) needs SUBSCRIBE_TEMPLATES; a malformed one is refused naming the problem', () => {
  expect(() => loadPushConfig({})).toThrow('SUBSCRIBE_TEMPLATES is required');
  expect(() => loadPushConfig({ NODE_ENV: 'development' })).toThrow('SUBSCRIBE_TEMPLATES is required');
  expect(() => loadPushConfig({ SUBSCRIBE_TEMPLATES: '{' })).toThrow('not valid JSON');
  expect(() => checkPushConfig({ kinds: { 'queue.near': { title: 'x', templateId: 't', page: 'p', longTerm: true, keywords: { bogus: '{x}' } } }, moments: {} })).toThrow('bogus is not a WeChat keyword');
  expect(() => checkPushConfig({ ...config, moments: { ...config.moments, booking: ['nope'] } })).toThrow('moments.booking names nope');
  expect(loadPushConfig({ SUBSCRIBE_TEMPLATES: JSON.stringify(config) }).kinds).toEqual(config.kinds);
  expect(miniprogramState({})).toBe('formal');
  expect(() => miniprogramState({ MINIPROGRAM_STATE: 'beta' })).toThrow('MINIPROGRAM_STATE');
});
