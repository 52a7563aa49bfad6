/**
 * Binding proves possession, through every layer (mini program's calls → cloud → front machine →
 * HSB → sandbox hospital): the owner binds with the code the hospital sent; strangers who know the
 * name and the ID number cannot; answers and hospital work look alike whether or not a person exists.
 */
import type { PatientSendCodeResponse } from '../../typings/patient';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/core/privacy';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';
import { sandboxInbox } from '../../scripts/bind-patient';
import { data, journeyStack, post } from '../support/journey';

const NOW = '2026-11-26T01:30:00Z';
const id = (birth: string, seq: number) => {
  const first17 = `110105${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
};
const OWNER = { name: '刘德明', idCardNo: id('19800101', 301), phone: '13811110001' };
const STRANGER_PHONE = '13922220002';

const journey = journeyStack(NOW, 9);
const sms = async (phone: string) => ((await (await fetch(`${journey.stack.hospitalUrl}/sandbox/sms?phone=${phone}`)).json()) as { messages: { text: string }[] }).messages;
const stats = async () => ((await (await fetch(`${journey.stack.hospitalUrl}/sandbox/stats`)).json()) as { calls: Record<string, number> }).calls;
/** Moves the hospital's and the cloud's clocks `ms` on from where they are. */
const moveClock = async (ms: number) => {
  const { now } = (await (await fetch(`${journey.stack.cloudUrl}/sandbox/clock`)).json()) as { now: string };
  await post(`${journey.stack.cloudUrl}/sandbox/clock`, { now: Date.parse(now) + ms });
};

test('the owner binds with the code sent to their phone; a stranger with the name, the ID and their own phone cannot', async () => {
  const owner = journey.client('id-owner');
  const bound = data<{ patientId: string; patient: { phone: string } }>(await journey.bind('id-owner', { ...OWNER, relation: '本人' }));
  expect(bound.patient.phone).toBe('138****0001');
  expect((await sms(OWNER.phone))[0]?.text).toMatch(/^【青禾市儿童医院】您的验证码为\d{6}/);

  const stranger = journey.client('id-stranger');
  await stranger('privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  const sent = data<PatientSendCodeResponse>(await stranger('patient.sendCode', { ...OWNER, phone: STRANGER_PHONE }));
  expect(sent.sentTo).toBe('139****0002');
  expect(await sms(STRANGER_PHONE)).toEqual([]);
  // Guessing, or replaying the owner's code, gets the one neutral answer.
  const ownersCode = /(\d{6})/.exec((await sms(OWNER.phone))[0]!.text)![1]!;
  for (const smsCode of ['123456', ownersCode]) {
    expect(await stranger('patient.add', { ...OWNER, phone: STRANGER_PHONE, relation: '本人', challengeId: sent.challengeId, smsCode })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  }
  expect(data<{ patients: unknown[] }>(await stranger('patient.list', {})).patients).toEqual([]);
  expect(data<{ patients: unknown[] }>(await owner('patient.list', {})).patients).toHaveLength(1);
});

test('a stranger with a made-up guardian cannot bind a child the hospital knows', async () => {
  const parent = { name: '周建华', idCardNo: id('19850505', 311) };
  const child = { name: '周小米', idCardNo: id('20190909', 322), phone: '13811110003' };
  data(await journey.bind('id-parent', { ...child, relation: '子女', guardian: parent }));
  const madeUp = { ...child, phone: STRANGER_PHONE, guardian: { name: '吴大伟', idCardNo: id('19800808', 333) } };
  expect(await journey.bind('id-stranger-2', { ...madeUp, relation: '子女' })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  // Even with the real guardian's name and ID, the code goes to the phone on file, not the stranger's.
  await moveClock(61_000);
  expect(await journey.bind('id-stranger-2', { ...child, phone: STRANGER_PHONE, relation: '子女', guardian: parent })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  expect(await sms(STRANGER_PHONE)).toEqual([]);
});

test('the answers and the hospital\'s work for a registered and an unregistered ID look alike', async () => {
  const probe = journey.client('id-prober');
  await probe('privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  const unknown = { name: OWNER.name, idCardNo: id('19800101', 399), phone: STRANGER_PHONE };
  const known = { ...OWNER, phone: STRANGER_PHONE };
  const before = await stats();
  const a = data<PatientSendCodeResponse>(await probe('patient.sendCode', known));
  const afterKnown = await stats();
  const b = data<PatientSendCodeResponse>(await probe('patient.sendCode', unknown));
  const afterUnknown = await stats();
  expect(Object.keys(a)).toEqual(Object.keys(b));
  expect(a.sentTo).toBe(b.sentTo);
  expect(Date.parse(a.expiresAt) - Date.parse(a.resendAfter)).toBe(Date.parse(b.expiresAt) - Date.parse(b.resendAfter));
  const delta = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries(Object.keys(y).filter((k) => y[k] !== x[k]).map((k) => [k, (y[k] ?? 0) - (x[k] ?? 0)]));
  expect(delta(before, afterKnown)).toEqual(delta(afterKnown, afterUnknown));
  const wrongKnown = await probe('patient.add', { ...known, relation: '其他', challengeId: a.challengeId, smsCode: '000000' });
  const wrongUnknown = await probe('patient.add', { ...unknown, relation: '其他', challengeId: b.challengeId, smsCode: '000000' });
  expect(wrongKnown).toEqual(wrongUnknown);
  expect(wrongKnown).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
});

test('bad input: malformed codes, another account\'s challenge, a replayed challenge, a document that fails its own check', async () => {
  const me = journey.client('id-bad');
  const other = journey.client('id-bad-other');
  const person = { name: '郑小红', idCardNo: id('19900303', 344), phone: '13811110005' };
  await me('privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  await other('privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  const sent = data<PatientSendCodeResponse>(await me('patient.sendCode', person));
  const code = await sandboxInbox(journey.stack.hospitalUrl)(person.phone, sent.challengeId);
  for (const smsCode of ['12345', 'abcdef', '1234567']) {
    expect(await me('patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'smsCode', message: '请输入6位数字验证码' });
  }
  expect(await me('patient.add', { ...person, relation: '本人', challengeId: 'nope!', smsCode: code! })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'challengeId' });
  expect(await other('patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode: code! })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  expect(await me('patient.sendCode', { ...person, docType: 'passport', idCardNo: 'ABCDE', birthDate: '1990-03-03', sex: 'F' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'idCardNo', message: '护照号码应包含数字' });
  expect(await me('patient.sendCode', { ...person, idCardNo: person.idCardNo.slice(0, 17) + (person.idCardNo.endsWith('1') ? '2' : '1') })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'idCardNo' });
  // The right code still binds (the failures above changed nothing), once: a replay is refused.
  data(await me('patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode: code! }));
  await me('patient.remove', { patientId: data<{ patients: { patientId: string }[] }>(await me('patient.list', {})).patients[0]!.patientId });
  expect(await me('patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode: code! })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
});

test('a phone changed at the counter: the app binds with the new phone only once the hospital has it', async () => {
  const person = { name: '孙立新', idCardNo: id('19750606', 355), phone: '13811110006' };
  const first = data<{ patientId: string }>(await journey.bind('id-mover', { ...person, relation: '本人' }));
  const newPhone = '13811119999';
  await moveClock(2 * 61_000);
  expect(await journey.bind('id-mover-2', { ...person, phone: newPhone, relation: '本人' })).toEqual({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  expect((await post(`${journey.stack.hospitalUrl}/sandbox/patients/${first.patientId}/phone`, { phone: newPhone })).status).toBe(200);
  await moveClock(3 * 61_000);
  expect(data<{ patientId: string }>(await journey.bind('id-mover-2', { ...person, phone: newPhone, relation: '本人' })).patientId).toBe(first.patientId);
});

test('limits: 5 new hospital records per account per day (removing gives none back), 10 card tries an hour', async () => {
  const acct = journey.client('id-collector');
  const people = Array.from({ length: 6 }, (_, i) => ({ name: `钱${'一二三四五六'[i]}明`, idCardNo: id('19700101', 400 + i), phone: `1381111${String(1000 + i)}` }));
  const ids: string[] = [];
  for (const p of people.slice(0, 5)) ids.push(data<{ patientId: string }>(await journey.bind('id-collector', { ...p, relation: '其他' })).patientId);
  await acct('patient.remove', { patientId: ids[0]! });
  const sixth = await journey.bind('id-collector', { ...people[5]!, relation: '其他' });
  expect(sixth).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: expect.stringContaining('新建档案次数已达上限') });

  for (let i = 0; i < 10; i++) expect(await acct('card.bind', { patientId: ids[1]!, cardNo: `9100${String(i).padStart(6, '0')}` })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  expect(await acct('card.bind', { patientId: ids[1]!, cardNo: '9100999999' })).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: expect.stringMatching(/^绑定就诊卡尝试次数过多，请于/) });
});
