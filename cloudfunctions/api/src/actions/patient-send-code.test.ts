/**
 * patient.sendCode and the account's limits, on the injected clock: 20 codes a day, 5 new hospital
 * records a day (removing a patient gives none back), the challenge tied to its account and
 * person, consent before the first patient, other documents.
 */
import type { PatientAddResponse, PatientSendCodeResponse } from '../../../../typings/patient';
import { PRIVACY_GUIDE_VERSION } from '../../../../miniprogram/core/privacy';
import { NEUTRAL_REFUSAL } from '../../../../miniprogram/core/verification';
import { idCard } from '../../../testing/patient-hospital';
import { dataOf, expectFailure, harness, type Harness } from '../../../testing/harness';

const person = (i: number) => ({ name: `李${'一二三四五六七八九十'.charAt(i)}明`, idCardNo: idCard('19750101', 100 + i * 2 + 1), phone: `1370000000${i}` });

let h: Harness;
beforeEach(() => {
  h = harness();
});

const send = (openid: string, p: Record<string, unknown>) => h.call(openid, 'patient.sendCode', p);
const codeFor = async (p: { phone: string }, challengeId: string) => (await h.hospital.inbox(p.phone, challengeId)) as string;

test('answers the challenge, the masked destination, the expiry and when to resend; the cloud keeps no code', async () => {
  const sent = dataOf<PatientSendCodeResponse>(await send('o-a', person(1)));
  expect(sent).toEqual({ challengeId: expect.any(String), sentTo: '137****0001', expiresAt: new Date(h.clock.now + 5 * 60_000).toISOString(), resendAfter: new Date(h.clock.now + 60_000).toISOString() });
  const stored = JSON.stringify((await import('../../../../sandbox/cloud/wx-server-sdk')).database({ throwOnNotFound: false }).collection('bindChallenges'));
  expect(stored).not.toContain(await codeFor(person(1), sent.challengeId));
  expect(h.fm.calls.map((c) => c.op)).toEqual(['patient.sendCode']);
  expect(h.fm.calls[0]?.req).toMatchObject({ caller: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(JSON.stringify(h.fm.calls[0]?.req)).not.toContain('o-a');
});

test('at most 20 codes per account per day, then LIMIT_REACHED with when to try again; the next day again', async () => {
  for (let i = 0; i < 20; i++) dataOf(await send('o-a', person(i % 10)));
  const refused = await send('o-a', person(1));
  expectFailure(refused, 'LIMIT_REACHED', undefined, '今日获取验证码次数已达上限，请于3月10日 10:00 后再试');
  expect(h.fm.calls).toHaveLength(20);
  // Another account is not affected.
  dataOf(await send('o-b', person(1)));
  h.clock.now += 24 * 3_600_000;
  dataOf(await send('o-a', person(1)));
});

test('a challenge binds only its own account and person, not after it expired, and once', async () => {
  await h.call('o-a', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  await h.call('o-b', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION });
  const sent = dataOf<PatientSendCodeResponse>(await send('o-a', person(1)));
  const code = await codeFor(person(1), sent.challengeId);
  const add = (openid: string, p = person(1), over: Record<string, unknown> = {}) => h.call(openid, 'patient.add', { ...p, relation: '其他', challengeId: sent.challengeId, smsCode: code, ...over });
  expectFailure(await add('o-b'), 'RULE_VIOLATION', undefined, NEUTRAL_REFUSAL);
  expectFailure(await add('o-a', person(2)), 'RULE_VIOLATION', undefined, NEUTRAL_REFUSAL);
  expect(h.fm.calls.filter((c) => c.op === 'patient.register')).toEqual([]);
  h.clock.now += 5 * 60_000 + 1;
  expectFailure(await add('o-a'), 'RULE_VIOLATION', undefined, NEUTRAL_REFUSAL);
  h.clock.now -= 5 * 60_000 + 1;
  dataOf(await add('o-a'));
  await h.call('o-a', 'patient.remove', { patientId: dataOf<{ patients: { patientId: string }[] }>(await h.call('o-a', 'patient.list', {})).patients[0]!.patientId });
  expectFailure(await add('o-a'), 'RULE_VIOLATION', undefined, NEUTRAL_REFUSAL);
});

test('consent to the privacy guide is required before a patient is added', async () => {
  const sent = dataOf<PatientSendCodeResponse>(await send('o-a', person(1)));
  const add = () => h.call('o-a', 'patient.add', { ...person(1), relation: '本人', challengeId: sent.challengeId, smsCode: '123456' });
  expectFailure(await add(), 'RULE_VIOLATION', 'consent', '请先阅读并同意《隐私保护指引》');
  expectFailure(await h.call('o-a', 'privacy.consent', { version: '2020-01-01' }), 'INVALID_INPUT', 'version');
  expect(dataOf<{ consentedAt: string | null }>(await h.call('o-a', 'privacy.get', {})).consentedAt).toBeNull();
  const consented = dataOf<{ version: string; consentedAt: string }>(await h.call('o-a', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION }));
  expect(consented).toMatchObject({ version: PRIVACY_GUIDE_VERSION, consentedAt: new Date(h.clock.now).toISOString() });
  expect(await h.raw('o-a')).toBeNull();
});

test('5 new hospital records per account per 24 hours; removing a patient gives none back; patients on record still bind', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(dataOf<PatientAddResponse>(await h.bind('o-a', { ...person(i), relation: '其他' })).patientId);
  await h.call('o-a', 'patient.remove', { patientId: ids[0]! });
  expectFailure(await h.bind('o-a', { ...person(5), relation: '其他' }), 'LIMIT_REACHED', undefined, '新建档案次数已达上限，请稍后再试或到窗口办理');
  expect(h.hospital.patients.size).toBe(5);
  // Someone the hospital knows (as typed, with the phone on file) is no new record.
  h.hospital.enrol({ name: '赵老六', idCardNo: idCard('19600101', 777), phone: '13600000000' });
  h.clock.now += 61_000;
  const known = dataOf<PatientAddResponse>(await h.bind('o-a', { name: '赵老六', idCardNo: idCard('19600101', 777), phone: '13600000000', relation: '父母' }));
  expect(h.hospital.patients.size).toBe(6);
  await h.call('o-a', 'patient.remove', { patientId: known.patientId });
  h.clock.now += 24 * 3_600_000;
  dataOf(await h.bind('o-a', { ...person(5), relation: '其他' }));
});

test('other documents: a passport holder with birth date and sex, masked and keyed by document', async () => {
  const foreigner = { name: 'Anna Lee', docType: 'passport', idCardNo: 'g1234 5678', birthDate: '1991-07-08', sex: 'F', phone: '13700000009', relation: '配偶' };
  const added = dataOf<PatientAddResponse>(await h.bind('o-a', foreigner));
  expect(added.patient).toMatchObject({ name: 'A******e', idCardNo: 'G*****678', sex: 'F', docType: 'passport' });
  expect(h.fm.calls.find((c) => c.op === 'patient.register')?.req).toMatchObject({ docType: 'passport', idCardNo: 'G12345678', birthDate: '1991-07-08', sex: 'F' });
  const { relation: _relation, ...identity } = foreigner;
  expectFailure(await send('o-a', { ...identity, idCardNo: 'G12345678' }), 'CONFLICT', 'idCardNo', '该就诊人已添加');
  expectFailure(await send('o-a', { name: '张三丰', idCardNo: idCard('19800101'), phone: '13700000001', birthDate: '1980-01-01' }), 'INVALID_INPUT', 'birthDate');
  expectFailure(await send('o-a', { name: '小宝', docType: 'birth_certificate', idCardNo: 'O440012345', birthDate: '2026-01-01', sex: 'M', phone: '13700000001' }), 'INVALID_INPUT', 'guardian', '以出生医学证明添加的就诊人须填写监护人信息');
});
