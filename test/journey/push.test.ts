/**
 * Push through every layer: the sandbox hospital publishes events → the front machine's outbox →
 * the scheduler (run as the console's timer test) → the emulated WeChat's subscribeMessage.send,
 * and 消息中心. Consented messages arrive once with data WeChat accepts; without consent nothing is
 * sent and 消息中心 still lists them; overlapping runs send nothing twice; a stopped session
 * cancels the booking and refunds its fee; bad subscribe.record input names the field.
 */
import type { AppointmentView, RegistrationCreateResponse } from '../../typings/booking';
import type { MessageListResponse, SubscribeRecordResponse, SubscribeTemplatesResponse } from '../../typings/push';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { keywordType, keywordValid } from '../../miniprogram/core/keywords';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack, orderAfter, post } from '../support/journey';
import { bindPatient, freeSlot, runScheduler, weChatMessages } from '../support/push';

const NOW = hospitalInstant('2026-11-26 10:00:00');
const TODAY = '2026-11-26';
const TOMORROW = '2026-11-27';
const first17 = '11010519900304213';
const CHILD = { name: '周小雨', idCardNo: first17 + idCardCheckChar(first17), phone: '13912345670' };

const journey = journeyStack(NOW, 12);
const mother = journey.client('push-mother');
const stranger = journey.client('push-stranger');
let stack: RunningStack;
let templates: SubscribeTemplatesResponse;
let patientId: string;
const idOf = (kind: string) => templates.templates.find((t) => t.kind === kind)?.templateId as string;

/** The patient's taps on WeChat's dialog, then what the mini program reports (subscribe.record). */
async function consent(openid: string, call: typeof mother, kinds: string[]): Promise<SubscribeRecordResponse> {
  const results = Object.fromEntries(kinds.map((k) => [idOf(k), 'accept' as const]));
  expect((await post(`${stack.cloudUrl}/sandbox/subscribe`, { openid, results })).status).toBe(200);
  return data<SubscribeRecordResponse>(await call('subscribe.record', { results }));
}

beforeAll(async () => {
  ({ stack } = journey);
  patientId = await bindPatient(stack, mother, CHILD);
  templates = data<SubscribeTemplatesResponse>(await mother('subscribe.templates', {}));
});

test('the template library and the taps: at most 3 kinds per tap, never one-time and long-term together', async () => {
  const library = (await (await fetch(`${stack.cloudUrl}/sandbox/templates`)).json()) as { templates: { templateId: string; kind: string; title: string; keywords: { key: string; type: string }[] }[] };
  for (const t of templates.templates) expect(library.templates.map((x) => x.templateId)).toContain(t.templateId);
  for (const kinds of Object.values(templates.moments)) {
    expect(kinds.length).toBeLessThanOrEqual(3);
    expect(new Set(kinds.map((k) => templates.templates.find((t) => t.kind === k)?.longTerm)).size).toBe(1);
  }
});

test('a consented booking message arrives once with data WeChat accepts; without consent nothing is sent and 消息中心 lists both', async () => {
  expect(await consent('push-mother', mother, ['appointment.booked'])).toEqual({ consents: [{ templateId: idOf('appointment.booked'), kind: 'appointment.booked', oneTime: 1, longTerm: false }] });
  const { slotId } = await freeSlot(mother, TOMORROW, 'AM');
  const appointment = data<AppointmentView>(await mother('appointment.create', { patientId, slotId }));
  await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId }); // 缴费提醒: not consented

  const run = await runScheduler(stack);
  expect(run.push).toMatchObject({ sent: 1, unsubscribed: 1 });
  const received = await weChatMessages(stack, 'push-mother');
  expect(received).toHaveLength(1);
  const [message] = received;
  expect(message).toMatchObject({ templateId: idOf('appointment.booked'), errcode: 0, page: `packages/booking/appointments/index?patientId=${patientId}` });
  for (const [key, { value }] of Object.entries(message?.data ?? {})) expect({ key, valid: keywordValid(keywordType(key) ?? 'thing', value) }).toEqual({ key, valid: true });
  expect(message?.data.name1?.value).toBe('周*雨');
  expect(message?.data.time4?.value).toBe(`2026年11月27日 ${appointment.startTime}`);

  expect((await runScheduler(stack)).push).toMatchObject({ events: 0, sent: 0 });
  expect(await weChatMessages(stack, 'push-mother')).toHaveLength(1);

  const box = data<MessageListResponse>(await mother('message.list', {}));
  expect(box.unread).toBe(2);
  expect(box.messages.map((m) => [m.kind, m.title, m.stateLabel])).toEqual([
    ['bills.pending', '缴费提醒', '未订阅，点此订阅'],
    ['appointment.booked', '预约成功', '已推送'],
  ]);
  expect(box.messages[0]).toMatchObject({ patientName: '周*雨', page: `packages/payment/bills/index?patientId=${patientId}`, summary: expect.stringContaining('¥') });
  expect(data(await mother('message.read', {}))).toEqual({ unread: 0 });
  expect(data<MessageListResponse>(await mother('message.list', {})).unread).toBe(0);
  // Another account sees none of it.
  expect(data<MessageListResponse>(await stranger('message.list', {}))).toEqual({ messages: [], unread: 0 });
}, 60_000);

test('two overlapping scheduler runs never send one event twice', async () => {
  await consent('push-mother', mother, ['medicine.ready', 'report.ready']);
  await consent('push-mother', mother, ['medicine.ready']);
  const before = (await weChatMessages(stack, 'push-mother')).length;
  await post(`${stack.hospitalUrl}/sandbox/pharmacy/ready`, { patientId });
  await post(`${stack.hospitalUrl}/sandbox/pharmacy/ready`, { patientId, window: '急诊药房' });
  const runs = await Promise.all([runScheduler(stack), runScheduler(stack), runScheduler(stack)]);
  const sent = runs.reduce((n, r) => n + ((r.push as { sent?: number } | undefined)?.sent ?? 0), 0);
  expect(sent).toBe(2);
  const after = await weChatMessages(stack, 'push-mother');
  expect(after.slice(before).map((m) => [m.templateId, m.errcode, m.data.thing2?.value])).toEqual([
    [idOf('medicine.ready'), 0, '门诊药房1号窗口'],
    [idOf('medicine.ready'), 0, '急诊药房'],
  ]);
}, 60_000);

test('停诊: the session stopped at the hospital cancels the registration, the paid fee is refunded, the patient is told (停诊通知, then 退款到账)', async () => {
  await consent('push-mother', mother, ['session.stopped', 'refund.done']);
  const { schedule, slotId } = await freeSlot(mother, TODAY, 'PM');
  const reg = data<RegistrationCreateResponse>(await mother('registration.create', { patientId, slotId }));
  expect((await post(`${stack.cloudUrl}/sandbox/pay`, { outTradeNo: reg.order.outTradeNo })).status).toBe(200);
  expect(await orderAfter(mother, reg.order.outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });

  const stopped = await post(`${stack.hospitalUrl}/sandbox/schedules/${schedule.scheduleId}/stop`, {});
  expect(stopped).toMatchObject({ status: 200, json: { refundedRegistrations: [expect.any(String)] } });
  const run = await runScheduler(stack);
  expect(run.push).toMatchObject({ refunds: 1, sent: expect.any(Number) });
  expect(await orderAfter(mother, reg.order.outTradeNo, ['confirmed', 'refunding'])).toMatchObject({ status: 'refunded', refundAmount: schedule.fee });
  const told = (await weChatMessages(stack, 'push-mother')).filter((m) => m.templateId === idOf('session.stopped'));
  expect(told).toEqual([expect.objectContaining({ errcode: 0, data: expect.objectContaining({ thing5: { value: '医生停诊，预约已取消，已缴费用原路退回' } }) })]);
  // WeChat's refund callback reached the cloud: the next run tells 退款到账 with the amount.
  expect((await runScheduler(stack)).push).toMatchObject({ sent: 1 });
  const refunded = (await weChatMessages(stack, 'push-mother')).filter((m) => m.templateId === idOf('refund.done'));
  expect(refunded).toEqual([expect.objectContaining({ errcode: 0, page: 'packages/payment/orders/index', data: expect.objectContaining({ amount1: { value: `¥${(schedule.fee / 100).toFixed(2)}` }, thing2: { value: '停诊退款' } }) })]);
  expect((await runScheduler(stack)).push).toMatchObject({ sent: 0 });
  expect((await post(`${stack.hospitalUrl}/sandbox/schedules/NOPE/stop`, {})).status).toBe(404);
}, 60_000);

test('subscribe.record refuses unknown template ids and results other than WeChat’s, naming the field', async () => {
  expect(await mother('subscribe.record', { results: { 'no-such-template': 'accept' } })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'results.no-such-template' });
  expect(await mother('subscribe.record', { results: { [idOf('appointment.booked')]: 'yes' } } as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: `results.${idOf('appointment.booked')}` });
  expect(await mother('subscribe.record', { results: {} })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'results' });
  expect(await mother('subscribe.record', {} as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'results' });
  expect(await mother('subscribe.record', { results: { [idOf('appointment.booked')]: 'accept', [idOf('queue.near')]: 'accept' } })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'results' });
});
