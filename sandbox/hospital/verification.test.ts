import { hospitalInstant } from '../../miniprogram/core/time';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';
import { createHospital, type Hospital } from './hospital';
import { startHospital, type RunningHospital } from './server';
import { callHsb, latestCode, registerWithCode, validIdCard, withCode } from './testing';

const NOW = '2026-11-26 09:30:00';
const ADULT = validIdCard('11010519900307123');
const CHILD = validIdCard('44030520150615002');
const OWNER_PHONE = '13812345678';
const STRANGER_PHONE = '13999990000';

let hospital: Hospital;
beforeEach(() => {
  hospital = createHospital({ now: NOW });
  // Frozen at NOW exactly, however long the set-up took.
  hospital.clock.set(hospitalInstant(NOW), true);
});
afterEach(() => hospital.close());

const person = { PatientName: '王小明', IdCardNo: ADULT, Phone: OWNER_PHONE };
const send = (body: Record<string, string>, caller = 'caller-1') => callHsb(hospital, 'SendVerificationCode', { Purpose: 'BIND', Caller: caller, ...body });
const advance = (ms: number) => hospital.clock.set(hospital.clock.now() + ms, true);
const sms = (phone: string) => hospital.codes.messages(phone);
const challengeRows = () => hospital.db.prepare('SELECT * FROM verification_challenges').all() as Record<string, unknown>[];

describe('SendVerificationCode (BIND)', () => {
  it('sends a 6-digit code to the typed phone for a person new to the hospital, keeping only its HMAC', async () => {
    const answer = await send(person);
    expect(answer.Header.ResultCode).toBe('0');
    expect(answer.Body.Challenge).toEqual({ ChallengeNo: expect.stringMatching(/^VC\d+$/), SentTo: '138****5678', ExpireTime: '2026-11-26 09:35:00', ResendTime: '2026-11-26 09:31:00' });
    expect(sms(OWNER_PHONE)).toEqual([{ phone: OWNER_PHONE, text: expect.stringMatching(/^【青禾市儿童医院】您的验证码为\d{6}，5分钟内有效/), sentAt: hospital.clock.now() }]);
    const code = latestCode(hospital, OWNER_PHONE) as string;
    expect(JSON.stringify(challengeRows())).not.toContain(code);
  });

  it('sends to the phone on file for a known person; a stranger with the name, the ID and their own phone gets nothing, with the same answer', async () => {
    await registerWithCode(hospital, person);
    const owner = await send(person, 'owner');
    const stranger = await send({ ...person, Phone: STRANGER_PHONE }, 'stranger');
    expect(sms(STRANGER_PHONE)).toEqual([]);
    expect(Object.keys(stranger.Body.Challenge)).toEqual(Object.keys(owner.Body.Challenge));
    expect(stranger.Body.Challenge.SentTo).toBe('139****0000');
    // Whatever the stranger guesses, the decoy never binds.
    for (let i = 0; i < 5; i++) {
      const tried = await callHsb(hospital, 'RegisterPatient', { ...person, Phone: STRANGER_PHONE, Caller: 'stranger', ChallengeNo: stranger.Body.Challenge.ChallengeNo, VerifyCode: String(i).padStart(6, '0') });
      expect(tried.Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
    }
  });

  it('answers a registered and an unregistered ID alike (same keys, same masked destination)', async () => {
    await registerWithCode(hospital, person);
    const known = await send({ ...person, Phone: STRANGER_PHONE }, 'x');
    const unknown = await send({ ...person, IdCardNo: validIdCard('11010519900307145'), Phone: STRANGER_PHONE }, 'x');
    expect(known.Header).toMatchObject({ ResultCode: '0', ResultMessage: unknown.Header.ResultMessage });
    expect(known.Body.Challenge.SentTo).toBe(unknown.Body.Challenge.SentTo);
    expect(known.Body.Challenge.ExpireTime).toBe(unknown.Body.Challenge.ExpireTime);
  });

  it('a stranger with a made-up guardian cannot bind a child on record: nothing reaches their phone', async () => {
    const child = { PatientName: '张小雨', IdCardNo: CHILD, Phone: OWNER_PHONE, GuardianName: '张大山', GuardianIdCardNo: ADULT };
    expect((await registerWithCode(hospital, child)).Body.Patient).toMatchObject({ IsNew: '1', HasGuardian: '1' });
    const made = { ...child, Phone: STRANGER_PHONE, GuardianName: '李四', GuardianIdCardNo: validIdCard('11010519800101123') };
    const answer = await registerWithCode(hospital, made);
    expect(answer.Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
    expect(sms(STRANGER_PHONE)).toEqual([]);
  });

  it('limits resends to one a minute per caller and person, and 5 sends per person per hour whoever asks', async () => {
    expect((await send(person)).Header.ResultCode).toBe('0');
    const soon = await send(person);
    expect(soon.Header).toMatchObject({ ResultCode: '2003', ResultMessage: '验证码发送过于频繁，请于11月26日 09:31 后再试' });
    advance(60_000);
    expect((await send(person)).Header.ResultCode).toBe('0');
    for (const caller of ['b', 'c', 'd']) expect((await send(person, caller)).Header.ResultCode).toBe('0');
    const sixth = await send(person, 'e');
    expect(sixth.Header).toMatchObject({ ResultCode: '2003', ResultMessage: '该证件验证码发送次数过多，请于11月26日 10:30 后再试' });
    advance(60 * 60_000 - 60_000 + 1);
    expect((await send(person, 'e')).Header.ResultCode).toBe('0');
  });

  it('keeps one open challenge per caller and person: a new code closes the old one', async () => {
    const first = await withCode(hospital, person, 'c');
    advance(60_000);
    const second = await withCode(hospital, person, 'c');
    expect((await callHsb(hospital, 'RegisterPatient', first)).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'RegisterPatient', second)).Body.Patient).toMatchObject({ IsNew: '1' });
  });
});

describe('the code: 5 minutes, 5 tries, once, by its caller, for what was sent', () => {
  const wrong = (body: Record<string, string>) => ({ ...body, VerifyCode: body.VerifyCode === '000000' ? '000001' : '000000' });

  it('expires 5 minutes after it was sent (on the hospital clock)', async () => {
    const body = await withCode(hospital, person, 'c');
    advance(5 * 60_000 + 1);
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
  });

  it('is still good at 5 minutes exactly', async () => {
    const body = await withCode(hospital, person, 'c');
    advance(5 * 60_000);
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header.ResultCode).toBe('0');
  });

  it('takes 4 wrong tries and the right one; after 5 wrong ones even the right code fails', async () => {
    const body = await withCode(hospital, person, 'c');
    for (let i = 0; i < 4; i++) expect((await callHsb(hospital, 'RegisterPatient', wrong(body))).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header.ResultCode).toBe('0');

    const other = { ...person, IdCardNo: validIdCard('11010519900307145') };
    const closed = await withCode(hospital, other, 'c');
    for (let i = 0; i < 5; i++) await callHsb(hospital, 'RegisterPatient', wrong(closed));
    expect((await callHsb(hospital, 'RegisterPatient', closed)).Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
    expect(hospital.db.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(1);
  });

  it('is used once; another caller, or other details than those sent, cannot use it', async () => {
    const body = await withCode(hospital, person, 'c');
    expect((await callHsb(hospital, 'RegisterPatient', { ...body, Caller: 'someone-else' })).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'RegisterPatient', { ...body, Phone: STRANGER_PHONE })).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header.ResultCode).toBe('0');
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
  });

  it('refuses a malformed code with 1002 before looking anything up', async () => {
    const body = await withCode(hospital, person, 'c');
    expect((await callHsb(hospital, 'RegisterPatient', { ...body, VerifyCode: '12a456' })).Header.ResultCode).toBe('1002');
    expect((await callHsb(hospital, 'RegisterPatient', body)).Header.ResultCode).toBe('0');
  });

  it('AllowNew 0 refuses to create a record (2003) but binds a patient on record', async () => {
    expect((await callHsb(hospital, 'RegisterPatient', { ...(await withCode(hospital, person, 'c')), AllowNew: '0' })).Header.ResultCode).toBe('2003');
    await registerWithCode(hospital, person);
    advance(60_000);
    expect((await callHsb(hospital, 'RegisterPatient', { ...(await withCode(hospital, person, 'c')), AllowNew: '0' })).Body.Patient).toMatchObject({ IsNew: '0' });
  });
});

describe('documents other than the ID card', () => {
  it('registers a passport holder with the birth date and sex asked, and a newborn by birth certificate only with a guardian', async () => {
    const foreigner = { PatientName: 'John Smith', DocType: '05', IdCardNo: 'e12345678', BirthDate: '1985-04-02', Sex: '1', Phone: OWNER_PHONE };
    expect((await registerWithCode(hospital, foreigner)).Body.Patient).toMatchObject({ Sex: '1', BirthDate: '1985-04-02', IsNew: '1' });
    const newborn = { PatientName: '李小宝', DocType: '02', IdCardNo: 'O440012345', BirthDate: '2026-11-01', Sex: '2', Phone: OWNER_PHONE };
    expect((await registerWithCode(hospital, newborn)).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '以出生医学证明建档须登记监护人' });
    const withGuardian = await registerWithCode(hospital, { ...newborn, GuardianName: '李华', GuardianIdCardNo: ADULT });
    expect(withGuardian.Body.Patient).toMatchObject({ Sex: '2', BirthDate: '2026-11-01', HasGuardian: '1' });
    expect(hospital.db.prepare('SELECT doc_type AS t, id_card_no AS n FROM patients ORDER BY seq').all()).toEqual([
      { t: '05', n: 'E12345678' },
      { t: '02', n: 'O440012345' },
    ]);
  });

  it('refuses a document number that fails its own rules, and a missing birth date, with 1002', async () => {
    expect((await send({ ...person, DocType: '03', IdCardNo: 'X1234567', BirthDate: '1990-01-01', Sex: '1' })).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '港澳居民来往内地通行证号码应为H或M加8位（旧版10位）数字' });
    expect((await send({ ...person, DocType: '04', IdCardNo: '12345678' })).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '请选择出生日期' });
  });
});

describe('PHONE codes (a visitor proving their phone)', () => {
  it('sends to the typed phone and checks once', async () => {
    const sent = await callHsb(hospital, 'SendVerificationCode', { Purpose: 'PHONE', Caller: 'v', Phone: STRANGER_PHONE });
    const check = { ChallengeNo: sent.Body.Challenge.ChallengeNo, Caller: 'v', Phone: STRANGER_PHONE };
    expect((await callHsb(hospital, 'CheckVerificationCode', { ...check, VerifyCode: '999999' === latestCode(hospital, STRANGER_PHONE) ? '999998' : '999999' })).Header.ResultCode).toBe('2001');
    expect((await callHsb(hospital, 'CheckVerificationCode', { ...check, VerifyCode: latestCode(hospital, STRANGER_PHONE) as string })).Body).toEqual({ Verified: '1' });
    expect((await callHsb(hospital, 'CheckVerificationCode', { ...check, VerifyCode: latestCode(hospital, STRANGER_PHONE) as string })).Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
  });
});

describe('controls: the patient\'s phone and the counter', () => {
  let running: RunningHospital;
  beforeEach(async () => {
    running = await startHospital({ port: 0, now: NOW });
  });
  afterEach(() => running.close());

  it('GET /sandbox/sms shows what reached a phone, newest first; POST /sandbox/patients/<id>/phone changes the phone on file', async () => {
    const first = await registerWithCode(running.hospital, person);
    const patientId = first.Body.Patient.PatientId;
    const res = await fetch(`${running.url}/sandbox/sms?phone=${OWNER_PHONE}`);
    const { messages } = (await res.json()) as { messages: { phone: string; text: string; sentAt: string }[] };
    expect(messages).toEqual([{ phone: OWNER_PHONE, text: expect.stringContaining('验证码为'), sentAt: expect.stringMatching(/Z$/) }]);
    expect((await fetch(`${running.url}/sandbox/sms?phone=123`)).status).toBe(400);

    // The patient's phone changed: the app cannot bind with the new one until the counter records it.
    expect((await registerWithCode(running.hospital, { ...person, Phone: STRANGER_PHONE })).Header.ResultCode).toBe('2001');
    const changed = await fetch(`${running.url}/sandbox/patients/${patientId}/phone`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: STRANGER_PHONE }) });
    expect(await changed.json()).toEqual({ patientId, phone: STRANGER_PHONE });
    running.hospital.clock.set(running.hospital.clock.now() + 60_000);
    expect((await registerWithCode(running.hospital, { ...person, Phone: STRANGER_PHONE })).Body.Patient).toMatchObject({ PatientId: patientId, IsNew: '0' });
    const unknown = await fetch(`${running.url}/sandbox/patients/P99999999/phone`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: STRANGER_PHONE }) });
    expect(unknown.status).toBe(404);
  });
});
