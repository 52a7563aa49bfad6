import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hospitalInstant } from '../../miniprogram/core/time';
import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { CardState, NAME_MISMATCH_MESSAGE, cancelCard, issueCard, verifyCard } from './patients';
import { callHsb, registerWithCode, validIdCard, withCode } from './testing';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';

const NOW = '2026-11-26 09:30:00'; // hospital wall time
const ADULT = validIdCard('11010519900307123'); // a man born 1990-03-07
const WOMAN = '11010519491231002X'; // the GB 11643 test vector, a woman born 1949-12-31
const CHILD = validIdCard('44030520150615002'); // a girl born 2015-06-15, 11 years old
const TEEN_GUARDIAN = validIdCard('32058320090501001'); // 17 years old
const TURNS_14_TODAY = validIdCard('11010520121126003'); // born 2012-11-26
const TURNS_14_TOMORROW = validIdCard('11010520121127003');

let hospital: Hospital;
beforeEach(() => {
  hospital = createHospital({ now: NOW });
  hospital.clock.freeze();
});
afterEach(() => hospital.close());

const register = (body: Record<string, string>) => registerWithCode(hospital, body);
const patientRows = () => hospital.db.prepare('SELECT patient_id AS patientId, name, id_card_no AS idCardNo, phone, guardian_name AS guardianName FROM patients').all();

describe('RegisterPatient', () => {
  it('creates a patient with sex and birth date from the ID number, normalising ID and phone', async () => {
    const answer = await register({ PatientName: ' 王小明 ', IdCardNo: ADULT.toLowerCase(), Phone: '+86 138-1234-5678' });
    expect(answer.Header).toMatchObject({ ResultCode: '0', ResultMessage: '成功' });
    const patient = answer.Body.Patient;
    expect(patient).toEqual({ PatientId: expect.stringMatching(/^P\d+$/), PatientName: '王小明', Sex: '1', BirthDate: '1990-03-07', IsNew: '1', HasGuardian: '0' });
    expect(patientRows()).toEqual([{ patientId: patient.PatientId, name: '王小明', idCardNo: ADULT, phone: '13812345678', guardianName: null }]);
    const woman = (await register({ PatientName: '李华', IdCardNo: WOMAN, Phone: '13900000000' })).Body.Patient;
    expect([woman.Sex, woman.BirthDate, woman.IsNew]).toEqual(['2', '1949-12-31', '1']);
    expect(woman.PatientId).not.toBe(patient.PatientId);
  });

  it('is idempotent by ID number: the same name with the phone on file answers the same patient, IsNew 0', async () => {
    const first = (await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' })).Body.Patient;
    const again = (await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' })).Body.Patient;
    expect(again).toEqual({ ...first, IsNew: '0' });
    expect(patientRows()).toEqual([expect.objectContaining({ patientId: first.PatientId, phone: '13812345678' })]);
  });

  it.each([
    ['another phone', { PatientName: '王小明', Phone: '13700001111' }],
    ['another name', { PatientName: '王晓明', Phone: '13812345678' }],
  ])('refuses the ID number with %s: the neutral 2001, and nothing on file changes', async (_what, typed) => {
    await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' });
    const answer = await register({ IdCardNo: ADULT, ...typed });
    expect(answer.Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
    expect(answer.Body).toBe('');
    expect(patientRows()).toEqual([expect.objectContaining({ name: '王小明', phone: '13812345678' })]);
    expect(answer.Header.ResultMessage).not.toBe(NAME_MISMATCH_MESSAGE);
  });

  describe('the guardian rule (under 14, on the hospital clock)', () => {
    const child = { PatientName: '张小雨', IdCardNo: CHILD, Phone: '13812345678' };

    it.each([
      [{}, '未满14周岁须登记监护人'],
      [{ GuardianName: '张大山' }, '请填写监护人身份证号'],
      [{ GuardianIdCardNo: WOMAN }, '请填写监护人姓名'],
      [{ GuardianName: '张大山', GuardianIdCardNo: TEEN_GUARDIAN }, '监护人须年满18周岁'],
      [{ GuardianName: '张大山', GuardianIdCardNo: '110105194912310021' }, '监护人身份证号校验位不正确，请核对后重新输入'],
      [{ GuardianName: '张大山', GuardianIdCardNo: CHILD }, '监护人不能是就诊人本人'],
    ])('refuses a child with guardian %j: 1002 %s', async (guardian, message) => {
      const answer = await register({ ...child, ...guardian });
      expect(answer.Header).toMatchObject({ ResultCode: '1002', ResultMessage: message });
      expect(patientRows()).toEqual([]);
    });

    it('registers a child with an adult guardian (HasGuardian 1)', async () => {
      const answer = await register({ ...child, GuardianName: '张大山', GuardianIdCardNo: ADULT });
      expect(answer.Body.Patient).toMatchObject({ Sex: '2', BirthDate: '2015-06-15', IsNew: '1', HasGuardian: '1' });
      const row = hospital.db.prepare('SELECT guardian_name AS n, guardian_id_card_no AS id FROM patients').get();
      expect(row).toEqual({ n: '张大山', id: ADULT });
    });

    it('still asks a registered child for a guardian; only the guardian on record binds, and it stays', async () => {
      await register({ ...child, GuardianName: '张大山', GuardianIdCardNo: ADULT });
      expect((await register(child)).Header.ResultCode).toBe('1002');
      const stranger = await register({ ...child, GuardianName: '李华', GuardianIdCardNo: WOMAN });
      expect(stranger.Header).toMatchObject({ ResultCode: '2001', ResultMessage: NEUTRAL_REFUSAL });
      const again = await register({ ...child, GuardianName: '张大山', GuardianIdCardNo: ADULT });
      expect(again.Body.Patient).toMatchObject({ IsNew: '0', HasGuardian: '1' });
      expect(hospital.db.prepare('SELECT guardian_name FROM patients').pluck().get()).toBe('张大山');
    });

    it('counts 14 from 00:00 Shanghai on the birthday, by the hospital clock', async () => {
      const teen = (IdCardNo: string) => register({ PatientName: '赵一', IdCardNo, Phone: '13812345678' });
      expect((await teen(TURNS_14_TOMORROW)).Header.ResultMessage).toBe('未满14周岁须登记监护人');
      expect((await teen(TURNS_14_TODAY)).Body.Patient).toMatchObject({ IsNew: '1', HasGuardian: '0' });
      hospital.clock.set(hospitalInstant('2026-11-25 23:59:59'), true);
      const dayBefore = await register({ PatientName: '钱二', IdCardNo: validIdCard('11010520121126005'), Phone: '13812345678' });
      expect(dayBefore.Header.ResultMessage).toBe('未满14周岁须登记监护人');
    });

    it('takes an adult guardian for a 14-year-old too, and records it', async () => {
      const answer = await register({ PatientName: '赵一', IdCardNo: TURNS_14_TODAY, Phone: '13812345678', GuardianName: '赵大', GuardianIdCardNo: ADULT });
      expect(answer.Body.Patient.HasGuardian).toBe('1');
    });
  });

  it.each([
    [{ IdCardNo: ADULT, Phone: '13812345678' }, '请填写患者姓名'],
    [{ PatientName: '王小明', Phone: '13812345678' }, '请填写证件号码'],
    [{ PatientName: '王小明', IdCardNo: ADULT }, '请填写手机号'],
    [{ PatientName: '王'.repeat(31), IdCardNo: ADULT, Phone: '13812345678' }, '患者姓名不能超过30个字符'],
    [{ PatientName: '王小明', IdCardNo: '110105194912310021', Phone: '13812345678' }, '身份证号校验位不正确，请核对后重新输入'],
    [{ PatientName: '王小明', IdCardNo: '1101051949123100', Phone: '13812345678' }, '身份证号应为18位'],
    [{ PatientName: '王小明', IdCardNo: validIdCard('11010520270101001'), Phone: '13812345678' }, '身份证号出生日期无效'],
    [{ PatientName: '王小明', IdCardNo: ADULT, Phone: '12345678901' }, '手机号格式不正确'],
    [{ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678', Relation: '本人' }, '不支持的参数：Relation'],
  ])('refuses %j with 1002 %s', async (body, message) => {
    const answer = await register(body);
    expect(answer.Header).toMatchObject({ ResultCode: '1002', ResultMessage: message });
    expect(patientRows()).toEqual([]);
  });

  it('ends concurrent registrations of one ID as one patient, created once', async () => {
    const bodies = [];
    // 5: the most codes one person may be sent in an hour.
    for (let i = 0; i < 5; i++) bodies.push(await withCode(hospital, { PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' }, `caller-${i}`));
    const answers = await Promise.all(bodies.map((body) => callHsb(hospital, 'RegisterPatient', body)));
    const ids = new Set(answers.map((a) => a.Body.Patient.PatientId));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.Body.Patient.IsNew === '1')).toHaveLength(1);
    expect(patientRows()).toHaveLength(1);
  });

  it('has the database refuse a second patient for one ID number (UNIQUE)', async () => {
    await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' });
    const insert = () =>
      hospital.db
        .prepare(`INSERT INTO patients (patient_id, name, id_card_no, phone, sex, birth_date, created_at) VALUES ('P99', '王晓明', ?, NULL, 1, '1990-03-07', '')`)
        .run(ADULT);
    expect(insert).toThrow(/UNIQUE constraint failed: patients.doc_type, patients.id_card_no/);
  });

  it('keeps one patient when two hospitals share one database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-patients-'));
    const dbPath = join(dir, 'hospital.db');
    const a = createHospital({ now: NOW, dbPath });
    const b = createHospital({ now: NOW, dbPath });
    try {
      const body = { PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' };
      // Both codes are sent first (the same phone gets both), then both bindings race.
      const [fromA, fromB] = [await withCode(a, body, 'caller-a'), await withCode(b, body, 'caller-b')];
      const [x, y] = await Promise.all([callHsb(a, 'RegisterPatient', fromA), callHsb(b, 'RegisterPatient', fromB)]);
      expect(x.Body.Patient.PatientId).toBe(y.Body.Patient.PatientId);
      expect([x.Body.Patient.IsNew, y.Body.Patient.IsNew].sort()).toEqual(['0', '1']);
      expect(a.db.prepare('SELECT COUNT(*) FROM patients').pluck().get()).toBe(1);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('QueryCard', () => {
  const patientId = async () => (await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' })).Body.Patient.PatientId;

  it('answers a card with its owner and state 1 verified, 0 unverified, 2 cancelled', async () => {
    const owner = await patientId();
    const verified = issueCard(hospital.db, owner, true, hospital.clock.now());
    const unverified = issueCard(hospital.db, owner, false, hospital.clock.now());
    expect(verified.cardNo).toMatch(/^\d{10}$/);
    expect(unverified.cardNo).not.toBe(verified.cardNo);
    const state = async (cardNo: string) => (await callHsb(hospital, 'QueryCard', { CardNo: cardNo })).Body.Card;
    expect(await state(verified.cardNo)).toEqual({ CardNo: verified.cardNo, PatientId: owner, CardState: '1' });
    expect(await state(unverified.cardNo)).toEqual({ CardNo: unverified.cardNo, PatientId: owner, CardState: '0' });
    expect(verifyCard(hospital.db, unverified.cardNo)).toMatchObject({ ok: true, card: { state: CardState.VERIFIED } });
    expect((await state(unverified.cardNo)).CardState).toBe('1');
    cancelCard(hospital.db, verified.cardNo);
    expect((await state(verified.cardNo)).CardState).toBe('2');
    expect(verifyCard(hospital.db, verified.cardNo)).toEqual({ ok: false, reason: 'cancelled' });
    expect(verifyCard(hospital.db, '0000000000')).toEqual({ ok: false, reason: 'not_found' });
  });

  it('answers 1001 就诊卡不存在 for an unknown card, 1002 for a malformed one', async () => {
    expect((await callHsb(hospital, 'QueryCard', { CardNo: '9100009999' })).Header).toMatchObject({ ResultCode: '1001', ResultMessage: '就诊卡不存在' });
    expect((await callHsb(hospital, 'QueryCard', {})).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '请填写就诊卡号' });
    expect((await callHsb(hospital, 'QueryCard', { CardNo: '91 00' })).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '就诊卡号格式不正确' });
  });
});

describe('GetPatientQrCode', () => {
  it('issues a signed code that expires 5 minutes after the hospital clock’s now, in Shanghai wall time', async () => {
    const { PatientId } = (await register({ PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' })).Body.Patient;
    const answer = await callHsb(hospital, 'GetPatientQrCode', { PatientId });
    expect(answer.Header.ResultCode).toBe('0');
    const expiry = hospitalInstant('2026-11-26 09:35:00');
    expect(answer.Body).toEqual({ QrCode: expect.stringMatching(new RegExp(`^PHQR1\\.${PatientId}\\.${expiry / 1000}\\.[A-Za-z0-9_-]{22}$`)), ExpireTime: '2026-11-26 09:35:00' });
    expect(hospital.qrCodes.verify(answer.Body.QrCode, hospital.clock.now())).toEqual({ valid: true, patientId: PatientId, expiresAtMs: expiry });
    expect(answer.Body.QrCode).not.toContain(ADULT);
  });

  it('answers 1001 患者不存在 for an unknown patient', async () => {
    expect((await callHsb(hospital, 'GetPatientQrCode', { PatientId: 'P404' })).Header).toMatchObject({ ResultCode: '1001', ResultMessage: '患者不存在' });
    expect((await callHsb(hospital, 'GetPatientQrCode', {})).Header).toMatchObject({ ResultCode: '1002', ResultMessage: '请填写患者编号' });
  });
});
