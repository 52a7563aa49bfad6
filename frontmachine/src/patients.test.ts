/**
 * The patient operations end to end: signed JSON in, HSB XML to the real sandbox hospital (on a
 * random port), with its kiosk controls playing the hospital's side of cards and check-in codes.
 */
import { FM_HEADERS } from '../../protocol/signature';
import { hospitalInstant } from '../../miniprogram/core/time';
import type { RunningHospital } from '../../sandbox/hospital';
import { latestCode, validIdCard } from '../../sandbox/hospital/testing';
import { normalizeMobile } from '../../miniprogram/core/phone';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';
import type { RunningFrontMachine } from './index';
import { sandboxControl, signedCall, startAgainstSandbox, type AgainstSandbox } from '../testing/against-sandbox';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const ADULT = validIdCard('11010519900307123'); // a man born 1990-03-07
const GUARDIAN = '11010519491231002X'; // a woman born 1949-12-31
const CHILD = validIdCard('44030520150615002'); // a girl born 2015-06-15
const TEEN = validIdCard('32058320090501001'); // 17
const MISMATCH = NEUTRAL_REFUSAL;

describe('patients, cards and check-in codes against the sandbox hospital', () => {
  let sandbox: RunningHospital;
  let fm: RunningFrontMachine;
  let logText: string[];
  let keys = 0;

  let running: AgainstSandbox;

  beforeEach(async () => {
    running = await startAgainstSandbox(T0, { captureLog: true });
    ({ sandbox, fm, logText } = running);
  });
  afterEach(() => running.close());

  const call = (operation: string, data: unknown, idempotencyKey?: string) => signedCall<Record<string, unknown>>(fm.url, operation, data, T0, idempotencyKey);
  let callers = 0;
  /** patient.sendCode, then the body of patient.register with the code the SMS brought (or the sendCode refusal). */
  const withCode = async (data: Record<string, unknown>, caller = `fm-test-caller-${++callers}`) => {
    const sent = await call('patient.sendCode', { ...data, caller });
    if (!sent.body.ok) return { refused: sent };
    const code = latestCode(sandbox.hospital, normalizeMobile(String(data.phone)) ?? '') ?? '000000';
    return { body: { ...data, caller, challengeId: (sent.body.data as { challengeId: string }).challengeId, code } };
  };
  const register = async (data: Record<string, unknown>, key = `key-${++keys}`) => {
    const prepared = await withCode(data);
    return prepared.refused ?? call('patient.register', prepared.body, key);
  };
  /** Straight to patient.register with a challenge that was never sent (input checks, the hospital's 1002). */
  const registerUnsent = (data: unknown, key = `key-${++keys}`) => call('patient.register', { ...(data as object), caller: 'fm-test-caller-x', challengeId: 'VC1', code: '123456' }, key);
  const hsbCalls = (service: string) => sandbox.hospital.stats.snapshot().calls[service] ?? 0;
  const kiosk = (path: string, body?: unknown) => sandboxControl(sandbox.url, path, body);
  const patientRow = () => sandbox.hospital.db.prepare('SELECT name, id_card_no AS idCardNo, phone FROM patients').all();

  describe('patient.register', () => {
    it('creates the hospital patient and answers its id, sex and birth date', async () => {
      const res = await register({ name: '王小明', idCardNo: ADULT, phone: '13812345678' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ok: true,
        data: { patientId: expect.stringMatching(/^P\d+$/), sex: 'M', birthDate: '1990-03-07', isNew: true, hasGuardian: false },
      });
    });

    it('hands the hospital normalised values: trimmed name, canonical ID, bare mobile', async () => {
      const res = await register({ name: ' 王小明 ', idCardNo: ` ${ADULT.toLowerCase()} `, phone: '+86 138-1234-5678' });
      expect(res.body).toMatchObject({ ok: true });
      expect(patientRow()).toEqual([{ name: '王小明', idCardNo: ADULT, phone: '13812345678' }]);
    });

    it('replays the first answer to a retry with the same Idempotency-Key, with one HSB call', async () => {
      const data = { name: '王小明', idCardNo: ADULT, phone: '13812345678' };
      const { body } = await withCode(data);
      const first = await call('patient.register', body, 'retry-1');
      const retry = await call('patient.register', body, 'retry-1');
      expect(retry.text).toBe(first.text);
      expect(hsbCalls('RegisterPatient')).toBe(1);
      // A new key with a new code is a new registration: the hospital finds the same patient.
      const again = await register(data, 'retry-2');
      expect(again.body).toEqual({ ok: true, data: { ...(first.body.data as object), isNew: false } });
      expect(hsbCalls('RegisterPatient')).toBe(2);
    });

    it('ends concurrent registrations of one person (different keys) as one hospital patient, created once', async () => {
      // 5: the most codes one person is sent in an hour. Codes first (one phone), then the race.
      const bodies = [];
      for (let i = 0; i < 5; i++) bodies.push((await withCode({ name: '王小明', idCardNo: ADULT, phone: '13812345678' })).body);
      const answers = await Promise.all(bodies.map((body) => call('patient.register', body, `key-${++keys}`)));
      const data = answers.map((a) => a.body.data as { patientId: string; isNew: boolean });
      expect(new Set(data.map((d) => d.patientId)).size).toBe(1);
      expect(data.filter((d) => d.isNew)).toHaveLength(1);
      expect(patientRow()).toHaveLength(1);
    });

    it('patient.sendCode: at most 20 codes per caller a day, counted here before the hospital is asked', async () => {
      const caller = 'fm-test-caller-busy';
      for (let i = 0; i < 20; i++) {
        const person = { name: `测试${i}`, idCardNo: validIdCard(`11010519900307${700 + i}`), phone: '13812345678', caller };
        expect((await call('patient.sendCode', person)).body).toMatchObject({ ok: true });
      }
      const refused = await call('patient.sendCode', { name: '王小明', idCardNo: ADULT, phone: '13812345678', caller });
      expect(refused.body).toEqual({ ok: false, code: 'LIMIT_REACHED', message: '今日获取验证码次数已达上限，请于11月27日 09:30 后再试' });
      expect(hsbCalls('SendVerificationCode')).toBe(20);
      // Another caller is not affected.
      expect((await call('patient.sendCode', { name: '王小明', idCardNo: ADULT, phone: '13812345678', caller: 'fm-test-caller-other' })).body).toMatchObject({ ok: true });
    });

    it('patient.register: past 5 new records per caller a day, the hospital is asked to create none (LIMIT_REACHED); a patient on record still binds', async () => {
      for (let i = 0; i < 5; i++) {
        const { body } = await withCode({ name: `测试${i}`, idCardNo: validIdCard(`11010519900307${800 + i}`), phone: '13812345678' }, 'fm-test-caller-many');
        expect((await call('patient.register', body, `many-${i}`)).body).toMatchObject({ ok: true, data: { isNew: true } });
      }
      const { body } = await withCode({ name: '王小明', idCardNo: ADULT, phone: '13812345678' }, 'fm-test-caller-many');
      expect((await call('patient.register', body, 'many-6')).body).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
      expect(patientRow()).toHaveLength(5);
      await register({ name: '王小明', idCardNo: ADULT, phone: '13812345678' });
      sandbox.hospital.clock.set(T0 + 61_000, true);
      const again = await withCode({ name: '王小明', idCardNo: ADULT, phone: '13812345678' }, 'fm-test-caller-many');
      expect((await call('patient.register', again.body, 'many-7')).body).toMatchObject({ ok: true, data: { isNew: false } });
    });

    it('needs an Idempotency-Key', async () => {
      const res = await call('patient.register', { name: '王小明', idCardNo: ADULT, phone: '13812345678', caller: 'fm-test-caller-x', challengeId: 'VC1', code: '123456' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: FM_HEADERS.idempotencyKey });
      expect(hsbCalls('RegisterPatient')).toBe(0);
    });

    it('answers the neutral RULE_VIOLATION (no field) for an ID number on record under another name; a retry asks the hospital again (refusals are not replayed)', async () => {
      await register({ name: '王小明', idCardNo: ADULT, phone: '13812345678' });
      const { body } = await withCode({ name: '王晓明', idCardNo: ADULT, phone: '13812345678' });
      const refused = await call('patient.register', body, 'mismatch');
      expect(refused.body).toEqual({ ok: false, code: 'RULE_VIOLATION', message: MISMATCH });
      const retry = await call('patient.register', body, 'mismatch');
      expect(retry.text).toBe(refused.text);
      expect(hsbCalls('RegisterPatient')).toBe(3);
    });

    it('passes the hospital’s guardian rule through as INVALID_INPUT with its message', async () => {
      const child = { name: '张小雨', idCardNo: CHILD, phone: '13812345678' };
      expect((await register(child)).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '未满14周岁须登记监护人' });
      expect((await register({ ...child, guardian: { name: '张大山', idCardNo: TEEN } })).body).toEqual({
        ok: false,
        code: 'INVALID_INPUT',
        message: '监护人须年满18周岁',
      });
      expect((await register({ ...child, guardian: { name: '张大山', idCardNo: GUARDIAN } })).body).toEqual({
        ok: true,
        data: { patientId: expect.stringMatching(/^P\d+$/), sex: 'F', birthDate: '2015-06-15', isNew: true, hasGuardian: true },
      });
    });

    it('does not keep the hospital’s INVALID_INPUT: the same key reaches the hospital again', async () => {
      const child = { name: '张小雨', idCardNo: CHILD, phone: '13812345678' };
      await registerUnsent(child, 'child-1');
      // INVALID_INPUT is not kept: the same key and body reach the hospital again.
      expect((await registerUnsent(child, 'child-1')).body).toMatchObject({ code: 'INVALID_INPUT' });
      expect(hsbCalls('RegisterPatient')).toBe(2);
    });

    const inputCases: Array<[string, unknown, string, string]> = [
      ['no name', { idCardNo: ADULT, phone: '13812345678' }, 'name', '请填写姓名'],
      ['a blank name', { name: '   ', idCardNo: ADULT, phone: '13812345678' }, 'name', '请填写姓名'],
      ['a 31-character name', { name: '王'.repeat(31), idCardNo: ADULT, phone: '13812345678' }, 'name', '姓名不能超过30个字'],
      ['a name that is not text', { name: 7, idCardNo: ADULT, phone: '13812345678' }, 'name', '姓名应为文字'],
      ['no ID number', { name: '王小明', phone: '13812345678' }, 'idCardNo', '请填写证件号码'],
      ['a wrong check character', { name: '王小明', idCardNo: '110105194912310021', phone: '13812345678' }, 'idCardNo', '身份证号校验位不正确，请核对后重新输入'],
      ['a short ID number', { name: '王小明', idCardNo: '1101051949', phone: '13812345678' }, 'idCardNo', '身份证号应为18位'],
      ['a birth date after today', { name: '王小明', idCardNo: validIdCard('11010520261127001'), phone: '13812345678' }, 'idCardNo', '身份证号出生日期无效'],
      ['no phone', { name: '王小明', idCardNo: ADULT }, 'phone', '请填写手机号'],
      ['a landline', { name: '王小明', idCardNo: ADULT, phone: '010-12345678' }, 'phone', '请输入正确的手机号'],
      ['a guardian that is not an object', { name: '张小雨', idCardNo: CHILD, phone: '13812345678', guardian: '张大山' }, 'guardian', '监护人应为对象'],
      ['a guardian without a name', { name: '张小雨', idCardNo: CHILD, phone: '13812345678', guardian: { idCardNo: GUARDIAN } }, 'guardian.name', '请填写监护人姓名'],
      ['a guardian without an ID', { name: '张小雨', idCardNo: CHILD, phone: '13812345678', guardian: { name: '张大山' } }, 'guardian.idCardNo', '请填写监护人身份证号'],
      [
        'a guardian with a wrong check character',
        { name: '张小雨', idCardNo: CHILD, phone: '13812345678', guardian: { name: '张大山', idCardNo: '110105194912310021' } },
        'guardian.idCardNo',
        '监护人身份证号校验位不正确，请核对后重新输入',
      ],
      [
        'the patient as their own guardian',
        { name: '张小雨', idCardNo: CHILD, phone: '13812345678', guardian: { name: '张小雨', idCardNo: CHILD.toLowerCase() } },
        'guardian.idCardNo',
        '监护人不能是就诊人本人',
      ],
      ['a field the contract lacks', { name: '王小明', idCardNo: ADULT, phone: '13812345678', relation: '本人' }, 'relation', '不支持的参数：relation'],
    ];
    it.each(inputCases)('refuses %s before asking the hospital', async (_what, data, field, message) => {
      const res = await registerUnsent(data);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: false, code: 'INVALID_INPUT', message, field });
      expect(hsbCalls('RegisterPatient')).toBe(0);
    });

    it('never logs the name, ID numbers or phone in full', async () => {
      await register({ name: '王小明', idCardNo: ADULT, phone: '13812345678' });
      await register({ name: '王晓明', idCardNo: ADULT, phone: '13912345678' });
      await register({ name: '张小雨', idCardNo: CHILD, phone: '13712345678', guardian: { name: '张大山', idCardNo: GUARDIAN } });
      await register({ name: '张小雨', idCardNo: '110105194912310021', phone: '13712345678' });
      const text = logText.join('');
      expect(text).toContain('"operation":"patient.register"');
      expect(text).toContain('"service":"RegisterPatient"');
      for (const secret of ['王小明', '王晓明', '张小雨', '张大山', ADULT, CHILD, GUARDIAN, '110105194912310021', '13812345678', '13912345678', '13712345678']) {
        expect(text).not.toContain(secret);
      }
    });
  });

  describe('card.get', () => {
    it('with a caller: 10 tries per caller an hour, refused here without asking the hospital', async () => {
      for (let i = 0; i < 10; i++) await call('card.get', { cardNo: `91000${String(90000 + i)}`, caller: 'fm-test-caller-cards' });
      expect((await call('card.get', { cardNo: '9100099999', caller: 'fm-test-caller-cards' })).body).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: expect.stringMatching(/^绑定就诊卡尝试次数过多，请于/) });
      expect(hsbCalls('QueryCard')).toBe(10);
    });

    it('answers a card’s owner and state: verified, unverified, cancelled — live, never cached', async () => {
      const verified = await kiosk('/sandbox/cards', { idCardNo: ADULT, name: '王小明' });
      const unverified = await kiosk('/sandbox/cards', { idCardNo: ADULT, name: '王小明', verified: false });
      const card = async (cardNo: unknown) => (await call('card.get', { cardNo })).body;
      expect(await card(verified.cardNo)).toEqual({ ok: true, data: { cardNo: verified.cardNo, patientId: verified.patientId, state: 'verified' } });
      expect(await card(unverified.cardNo)).toEqual({ ok: true, data: { cardNo: unverified.cardNo, patientId: verified.patientId, state: 'unverified' } });
      await kiosk(`/sandbox/cards/${String(unverified.cardNo)}/verify`);
      expect(await card(unverified.cardNo)).toMatchObject({ data: { state: 'verified' } });
      await kiosk(`/sandbox/cards/${String(verified.cardNo)}/cancel`);
      expect(await card(verified.cardNo)).toMatchObject({ data: { state: 'cancelled' } });
      expect(hsbCalls('QueryCard')).toBe(4);
    });

    it('answers NOT_FOUND on cardNo for an unknown card, and refuses a malformed one', async () => {
      expect((await call('card.get', { cardNo: '9100099999' })).body).toEqual({ ok: false, code: 'NOT_FOUND', message: '就诊卡不存在', field: 'cardNo' });
      expect((await call('card.get', { cardNo: '91 00' })).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '就诊卡号格式不正确', field: 'cardNo' });
      expect((await call('card.get', {})).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请填写就诊卡号', field: 'cardNo' });
      expect(hsbCalls('QueryCard')).toBe(1);
    });

    it('does not log card numbers in full', async () => {
      const { cardNo } = await kiosk('/sandbox/cards', { idCardNo: ADULT, name: '王小明' });
      await call('card.get', { cardNo });
      expect(logText.join('')).not.toContain(String(cardNo));
    });
  });

  describe('patient.qrcode', () => {
    const registered = async () => {
      const res = await register({ name: '王小明', idCardNo: ADULT, phone: '13812345678' });
      return (res.body.data as { patientId: string }).patientId;
    };

    it('answers a hospital-signed code that the kiosk accepts until 5 minutes of hospital clock have passed', async () => {
      const patientId = await registered();
      const res = await call('patient.qrcode', { patientId });
      expect(res.body).toEqual({ ok: true, data: { code: expect.stringMatching(/^PHQR1\./), expiresAt: '2026-11-26T01:35:00.000Z' } });
      const { code } = res.body.data as { code: string };
      expect(await kiosk('/sandbox/qrcode/verify', { code })).toEqual({ valid: true, patientId, expiresAt: '2026-11-26T01:35:00.000Z' });
      await kiosk('/sandbox/clock', { advanceMs: 5 * 60 * 1000 - 1 });
      expect(await kiosk('/sandbox/qrcode/verify', { code })).toMatchObject({ valid: true });
      await kiosk('/sandbox/clock', { advanceMs: 1 });
      expect(await kiosk('/sandbox/qrcode/verify', { code })).toEqual({ valid: false, reason: 'expired' });
      expect(logText.join('')).not.toContain(code);
    });

    it('asks the hospital every time: a later code expires later', async () => {
      const patientId = await registered();
      const first = (await call('patient.qrcode', { patientId })).body.data as { code: string; expiresAt: string };
      sandbox.hospital.clock.advance(60_000);
      const second = (await call('patient.qrcode', { patientId })).body.data as { code: string; expiresAt: string };
      expect(second.expiresAt).toBe('2026-11-26T01:36:00.000Z');
      expect(second.code).not.toBe(first.code);
      expect(hsbCalls('GetPatientQrCode')).toBe(2);
    });

    it('answers NOT_FOUND on patientId for an unknown patient', async () => {
      expect((await call('patient.qrcode', { patientId: 'P99999999' })).body).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
      expect((await call('patient.qrcode', { patientId: '../P1' })).body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'patientId' });
    });
  });
});
