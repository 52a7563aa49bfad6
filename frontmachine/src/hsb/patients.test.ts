/** The adapter's patient, card and check-in code mappings against a fake HSB: every edge of the protocol. */
import { fields, type FakeHsb } from '../../testing/fake-hsb';
import { hsbAdapterFixture } from '../../testing/hsb-adapter';
import type { HsbHospital } from './adapter';

const NOW = Date.UTC(2026, 10, 26, 1, 30, 0); // 09:30 in Shanghai
const CODE = { caller: 'c0ffee00c0ffee00c0ffee00c0ffee00', challengeId: 'VC100000011234567', code: '123456' };
const REGISTRATION = { name: '王小明', idCardNo: '110105199003071239', phone: '13812345678', ...CODE };
const CODE_FIELDS = { Caller: CODE.caller, ChallengeNo: CODE.challengeId, VerifyCode: '123456', AllowNew: '1', DocType: '01' };
const patient = (o: Partial<Record<'PatientId' | 'Sex' | 'BirthDate' | 'IsNew' | 'HasGuardian', string>> = {}) =>
  `<Patient>${fields({ PatientId: 'P10000001', PatientName: '王小明', Sex: '1', BirthDate: '1990-03-07', IsNew: '1', HasGuardian: '0', ...o })}</Patient>`;
const card = (state: string, cardNo = '9100000001') => `<Card>${fields({ CardNo: cardNo, PatientId: 'P10000001', CardState: state })}</Card>`;
const qr = (o: Partial<Record<'QrCode' | 'ExpireTime', string>> = {}) => fields({ QrCode: 'PHQR1.P10000001.1795656900.abcdefghijklmnopqrstuv', ExpireTime: '2026-11-26 09:35:00', ...o });

describe('HSB adapter: patients, cards, check-in codes', () => {
  const hsb = hsbAdapterFixture({ now: NOW, timeoutMs: 500, logClient: false });
  const { answer, failure } = hsb;
  let fake: FakeHsb;
  let hospital: HsbHospital;
  let logLines: string[];
  beforeEach(() => ({ fake, hospital, logLines } = hsb));

  describe('RegisterPatient', () => {
    it('sends name, document, phone and the code, the guardian only when there is one, AllowNew 0 when asked', async () => {
      answer(() => ({ bodyXml: patient() }));
      await hospital.registerPatient(REGISTRATION);
      await hospital.registerPatient({ ...REGISTRATION, guardian: { name: '王大山', idCardNo: '11010519491231002X' }, allowNew: false });
      await hospital.registerPatient({ ...REGISTRATION, docType: 'passport', idCardNo: 'E12345678', birthDate: '1990-03-07', sex: 'F' });
      expect(fake.calls.map((c) => [c.service, c.body])).toEqual([
        ['RegisterPatient', { PatientName: '王小明', IdCardNo: '110105199003071239', Phone: '13812345678', ...CODE_FIELDS }],
        ['RegisterPatient', { PatientName: '王小明', IdCardNo: '110105199003071239', Phone: '13812345678', GuardianName: '王大山', GuardianIdCardNo: '11010519491231002X', ...CODE_FIELDS, AllowNew: '0' }],
        ['RegisterPatient', { PatientName: '王小明', IdCardNo: 'E12345678', BirthDate: '1990-03-07', Sex: '2', Phone: '13812345678', ...CODE_FIELDS, DocType: '05' }],
      ]);
    });

    it('escapes XML in names', async () => {
      answer(() => ({ bodyXml: patient() }));
      await hospital.registerPatient({ ...REGISTRATION, name: 'A&B<C>' });
      expect(fake.calls[0]?.xml).toContain('<PatientName>A&amp;B&lt;C&gt;</PatientName>');
    });

    it.each([
      [{ Sex: '1', IsNew: '1', HasGuardian: '0' }, { sex: 'M', isNew: true, hasGuardian: false }],
      [{ Sex: '2', IsNew: '0', HasGuardian: '1' }, { sex: 'F', isNew: false, hasGuardian: true }],
    ])('maps %j', async (o, expected) => {
      answer(() => ({ bodyXml: patient(o) }));
      expect(await hospital.registerPatient(REGISTRATION)).toEqual({ patientId: 'P10000001', birthDate: '1990-03-07', ...expected });
    });

    it('maps 2001 to RULE_VIOLATION with the HSB’s (neutral) message and no field: naming one would tell which detail was wrong', async () => {
      answer(() => ({ code: '2001', message: '信息核验未通过，请核对后重试或到窗口办理' }));
      const e = await failure(hospital.registerPatient(REGISTRATION));
      expect(e.toFailure()).toEqual({ ok: false, code: 'RULE_VIOLATION', message: '信息核验未通过，请核对后重试或到窗口办理' });
    });

    it('maps 2003 to LIMIT_REACHED (no new record allowed)', async () => {
      answer(() => ({ code: '2003', message: '新建档案次数已达上限，请稍后再试或到窗口办理' }));
      expect((await failure(hospital.registerPatient(REGISTRATION))).toFailure()).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    });

    it('maps 1002 to INVALID_INPUT with the HSB’s message', async () => {
      answer(() => ({ code: '1002', message: '未满14周岁须登记监护人' }));
      expect((await failure(hospital.registerPatient(REGISTRATION))).toFailure()).toEqual({ ok: false, code: 'INVALID_INPUT', message: '未满14周岁须登记监护人' });
    });

    it('maps 9999 to HOSPITAL_UNAVAILABLE', async () => {
      answer(() => ({ code: '9999', message: '系统繁忙' }));
      expect((await failure(hospital.registerPatient(REGISTRATION))).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it.each([
      ['Sex 9', patient({ Sex: '9' })],
      ['Sex empty', patient({ Sex: '' })],
      ['IsNew 2', patient({ IsNew: '2' })],
      ['HasGuardian yes', patient({ HasGuardian: 'yes' })],
      ['an impossible BirthDate', patient({ BirthDate: '1990-02-30' })],
      ['an empty PatientId', patient({ PatientId: '' })],
      ['no Patient', ''],
    ])('treats %s as off protocol, logging no personal value', async (_what, bodyXml) => {
      answer(() => ({ bodyXml }));
      expect((await failure(hospital.registerPatient(REGISTRATION))).code).toBe('HOSPITAL_UNAVAILABLE');
      const log = logLines.join('');
      expect(log).toContain('hsb answer off protocol');
      for (const secret of ['王小明', '1990-02-30', '110105199003071239', '13812345678']) expect(log).not.toContain(secret);
    });
  });

  describe('SendVerificationCode', () => {
    const challenge = fields({ ChallengeNo: 'VC100000011234567', SentTo: '138****5678', ExpireTime: '2026-11-26 09:35:00', ResendTime: '2026-11-26 09:31:00' });

    it('sends BIND with the person, and PHONE with the phone; maps the challenge to ISO instants', async () => {
      answer(() => ({ bodyXml: `<Challenge>${challenge}</Challenge>` }));
      const { code: _code, challengeId: _id, ...request } = REGISTRATION;
      expect(await hospital.sendBindingCode(request)).toEqual({ challengeId: 'VC100000011234567', sentTo: '138****5678', expiresAt: '2026-11-26T01:35:00.000Z', resendAfter: '2026-11-26T01:31:00.000Z' });
      await hospital.sendPhoneCode(CODE.caller, '13812345678');
      expect(fake.calls.map((c) => c.body)).toEqual([
        { Purpose: 'BIND', Caller: CODE.caller, PatientName: '王小明', DocType: '01', IdCardNo: '110105199003071239', Phone: '13812345678' },
        { Purpose: 'PHONE', Caller: CODE.caller, Phone: '13812345678' },
      ]);
    });

    it('maps 2003 to LIMIT_REACHED with the hospital’s time to retry, and an answer without ExpireTime as off protocol', async () => {
      answer(() => ({ code: '2003', message: '验证码发送过于频繁，请于11月26日 09:31 后再试' }));
      expect((await failure(hospital.sendPhoneCode(CODE.caller, '13812345678'))).toFailure()).toEqual({ ok: false, code: 'LIMIT_REACHED', message: '验证码发送过于频繁，请于11月26日 09:31 后再试' });
      answer(() => ({ bodyXml: `<Challenge>${fields({ ChallengeNo: 'VC1', SentTo: '138****5678', ResendTime: '2026-11-26 09:31:00' })}</Challenge>` }));
      expect((await failure(hospital.sendPhoneCode(CODE.caller, '13812345678'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('QueryCard', () => {
    it.each([
      ['1', 'verified'],
      ['0', 'unverified'],
      ['2', 'cancelled'],
    ])('maps CardState %s to %s', async (code, state) => {
      answer(() => ({ bodyXml: card(code) }));
      expect(await hospital.card('9100000001')).toEqual({ cardNo: '9100000001', patientId: 'P10000001', state });
      expect(fake.calls.at(-1)?.body).toEqual({ CardNo: '9100000001' });
    });

    it.each(['3', '', 'verified'])('treats CardState %j as off protocol', async (code) => {
      answer(() => ({ bodyXml: card(code) }));
      expect((await failure(hospital.card('9100000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('treats an answer about another card as off protocol, never showing it', async () => {
      answer(() => ({ bodyXml: card('1', '9100000002') }));
      expect((await failure(hospital.card('9100000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
      expect(logLines.join('')).not.toContain('9100000002');
    });

    it('maps 1001 to NOT_FOUND on cardNo, with the HSB’s message or a Chinese default', async () => {
      answer(() => ({ code: '1001', message: '就诊卡不存在' }));
      expect((await failure(hospital.card('9100000009'))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '就诊卡不存在', field: 'cardNo' });
      answer(() => ({ code: '1001', message: '' }));
      expect((await failure(hospital.card('9100000009'))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该就诊卡', field: 'cardNo' });
    });
  });

  describe('GetPatientQrCode', () => {
    it('maps ExpireTime (Shanghai wall time) to an ISO instant', async () => {
      answer(() => ({ bodyXml: qr() }));
      expect(await hospital.patientQrCode('P10000001')).toEqual({ code: 'PHQR1.P10000001.1795656900.abcdefghijklmnopqrstuv', expiresAt: '2026-11-26T01:35:00.000Z' });
      expect(fake.calls[0]?.body).toEqual({ PatientId: 'P10000001' });
    });

    it('maps a time just after midnight Shanghai to the previous UTC day', async () => {
      answer(() => ({ bodyXml: qr({ ExpireTime: '2026-11-27 00:04:59' }) }));
      expect((await hospital.patientQrCode('P10000001')).expiresAt).toBe('2026-11-26T16:04:59.000Z');
    });

    it.each(['2026-11-26T09:35:00', '2026-11-26 09:35', '2026-02-30 09:35:00', '2026-11-26 24:00:00', '2026-11-26 09:60:00', '1795656900', ''])(
      'treats ExpireTime %j as off protocol',
      async (ExpireTime) => {
        answer(() => ({ bodyXml: qr({ ExpireTime }) }));
        expect((await failure(hospital.patientQrCode('P10000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
      },
    );

    it('treats an empty QrCode as off protocol', async () => {
      answer(() => ({ bodyXml: qr({ QrCode: '' }) }));
      expect((await failure(hospital.patientQrCode('P10000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('maps 1001 to NOT_FOUND on patientId', async () => {
      answer(() => ({ code: '1001', message: '患者不存在' }));
      expect((await failure(hospital.patientQrCode('P404'))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
      answer(() => ({ code: '1001', message: '' }));
      expect((await failure(hospital.patientQrCode('P404'))).message).toBe('未找到该就诊人');
    });
  });
});
