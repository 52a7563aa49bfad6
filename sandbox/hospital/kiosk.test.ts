/** The kiosk controls over HTTP: issuing and verifying cards, checking check-in codes. */
import type { GetPatientQrCodeResponse, HsbEnvelope, QueryCardResponse } from '../../typings/hsb';
import { hospitalInstant } from '../../miniprogram/core/time';
import { maskCardInUrl, startHospital } from './server';
import type { RunningHospital } from './server';
import { registerWithCode, validIdCard } from './testing';
import { buildRequest, parseEnvelope } from './xml';

const ADULT = validIdCard('11010519900307123');
const CHILD = validIdCard('44030520150615002');

describe('the kiosk controls', () => {
  let running: RunningHospital;
  beforeEach(async () => {
    running = await startHospital({ port: 0 });
    running.hospital.clock.set(hospitalInstant('2026-11-26 09:30:00'), true);
  });
  afterEach(() => running.close());

  const json = async (path: string, body?: unknown) => {
    const res = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  let n = 0;
  const hsb = async <B>(service: string, body: object): Promise<HsbEnvelope<B>> => {
    const res = await fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest(service, `k-${++n}`, '2026-11-26 09:30:00', body) });
    return parseEnvelope(await res.text()) as HsbEnvelope<B>;
  };
  const cardState = async (cardNo: string) => (await hsb<QueryCardResponse>('QueryCard', { CardNo: cardNo })).Body.Card.CardState;

  describe('POST /sandbox/cards', () => {
    it('registers the patient and issues a verified card; the app then finds the same patient', async () => {
      const issued = await json('/sandbox/cards', { idCardNo: ADULT, name: '王小明', phone: '13812345678' });
      expect(issued).toEqual({ status: 200, body: { cardNo: expect.stringMatching(/^\d{10}$/), patientId: expect.stringMatching(/^P\d+$/), state: 'verified' } });
      expect(await cardState(issued.body.cardNo as string)).toBe('1');
      const registered = await registerWithCode(running.hospital, { PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' });
      expect(registered.Body.Patient).toMatchObject({ PatientId: issued.body.patientId, IsNew: '0' });
    });

    it('finds a patient the app registered, and issues an unverified card when asked', async () => {
      const registered = await registerWithCode(running.hospital, { PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' });
      const issued = await json('/sandbox/cards', { idCardNo: ADULT.toLowerCase(), name: '王小明', phone: '13900000000', verified: false });
      expect(issued.body).toMatchObject({ patientId: registered.Body.Patient.PatientId, state: 'unverified' });
      expect(await cardState(issued.body.cardNo as string)).toBe('0');
      // A card changes nothing on file: the phone is the counter's business.
      expect(running.hospital.db.prepare('SELECT phone FROM patients').pluck().get()).toBe('13812345678');
    });

    it('issues a card to a child without a guardian: the kiosk staff see the guardian in person', async () => {
      expect((await json('/sandbox/cards', { idCardNo: CHILD, name: '张小雨' })).body).toMatchObject({ state: 'verified' });
    });

    it('refuses another name for a known ID number with 409 and the Chinese message', async () => {
      await json('/sandbox/cards', { idCardNo: ADULT, name: '王小明' });
      expect(await json('/sandbox/cards', { idCardNo: ADULT, name: '王晓明' })).toEqual({
        status: 409,
        body: { message: '该身份证号已登记为其他姓名，请核对姓名，如有疑问请到窗口办理', field: 'name' },
      });
      expect(running.hospital.db.prepare('SELECT COUNT(*) FROM cards').pluck().get()).toBe(1);
    });

    it.each([
      [{ idCardNo: ADULT }, 'name'],
      [{ idCardNo: ADULT, name: '   ' }, 'name'],
      [{ idCardNo: ADULT, name: '王'.repeat(31) }, 'name'],
      [{ name: '王小明' }, 'idCardNo'],
      [{ idCardNo: '110105194912310021', name: '王小明' }, 'idCardNo'],
      [{ idCardNo: ADULT, name: '王小明', phone: '12345' }, 'phone'],
      [{ idCardNo: ADULT, name: '王小明', phone: 13812345678 }, 'phone'],
      [{ idCardNo: ADULT, name: '王小明', verified: 'yes' }, 'verified'],
      [{ idCardNo: ADULT, name: '王小明', relation: '本人' }, 'relation'],
    ])('refuses %j with 400 naming the field in Chinese', async (body, field) => {
      const res = await json('/sandbox/cards', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.message).toContain(field);
    });

    it('says what is wrong with the ID number', async () => {
      const res = await json('/sandbox/cards', { idCardNo: '110105194912310021', name: '王小明' });
      expect(res.body.message).toBe('idCardNo 无效：身份证号校验位不正确，请核对后重新输入');
    });
  });

  describe('card verification and cancellation', () => {
    it('verifies an unverified card at the kiosk (state 1), cancels a lost one (state 2) for good', async () => {
      const { cardNo } = (await json('/sandbox/cards', { idCardNo: ADULT, name: '王小明', verified: false })).body as { cardNo: string };
      expect(await json(`/sandbox/cards/${cardNo}/verify`)).toMatchObject({ status: 200, body: { cardNo, state: 'verified' } });
      expect(await cardState(cardNo)).toBe('1');
      expect(await json(`/sandbox/cards/${cardNo}/cancel`)).toMatchObject({ status: 200, body: { cardNo, state: 'cancelled' } });
      expect(await cardState(cardNo)).toBe('2');
      expect(await json(`/sandbox/cards/${cardNo}/verify`)).toEqual({ status: 409, body: { message: '就诊卡已注销，请到窗口补办', field: 'cardNo' } });
    });

    it('answers 404 in Chinese for an unknown card', async () => {
      expect(await json('/sandbox/cards/0000000000/verify')).toEqual({ status: 404, body: { message: '就诊卡不存在', field: 'cardNo' } });
      expect((await json('/sandbox/cards/0000000000/cancel')).status).toBe(404);
    });
  });

  describe('POST /sandbox/qrcode/verify', () => {
    const issueCode = async () => {
      const { patientId } = (await json('/sandbox/cards', { idCardNo: ADULT, name: '王小明' })).body as { patientId: string };
      const answer = await hsb<GetPatientQrCodeResponse>('GetPatientQrCode', { PatientId: patientId });
      return { patientId, code: answer.Body.QrCode };
    };

    it('accepts a fresh code until 5 minutes of hospital clock have passed, then answers expired', async () => {
      const { patientId, code } = await issueCode();
      expect(await json('/sandbox/qrcode/verify', { code })).toEqual({ status: 200, body: { valid: true, patientId, expiresAt: '2026-11-26T01:35:00.000Z' } });
      await json('/sandbox/clock', { advanceMs: 299_999 });
      expect((await json('/sandbox/qrcode/verify', { code })).body.valid).toBe(true);
      await json('/sandbox/clock', { advanceMs: 1 });
      expect((await json('/sandbox/qrcode/verify', { code })).body).toEqual({ valid: false, reason: 'expired' });
    });

    it('answers bad_signature, malformed and unknown_patient', async () => {
      const { code } = await issueCode();
      const forged = code.replace(/\.P\d+\./, '.P10000099.');
      expect((await json('/sandbox/qrcode/verify', { code: forged })).body).toEqual({ valid: false, reason: 'bad_signature' });
      expect((await json('/sandbox/qrcode/verify', { code: 'https://example.com/x' })).body).toEqual({ valid: false, reason: 'malformed' });
      const stranger = running.hospital.qrCodes.issue('P99999999', running.hospital.clock.now()).code;
      expect((await json('/sandbox/qrcode/verify', { code: stranger })).body).toEqual({ valid: false, reason: 'unknown_patient' });
    });

    it('uses the hospital’s own key: another hospital’s codes do not verify', async () => {
      const other = await startHospital({ port: 0, now: '2026-11-26 09:30:00', qrKey: 'another-hospital-key' });
      try {
        const foreign = other.hospital.qrCodes.issue('P10000001', other.hospital.clock.now()).code;
        await json('/sandbox/cards', { idCardNo: ADULT, name: '王小明' });
        expect((await json('/sandbox/qrcode/verify', { code: foreign })).body).toEqual({ valid: false, reason: 'bad_signature' });
      } finally {
        await other.close();
      }
    });

    it.each([[{}], [{ code: '' }], [{ code: 42 }], [{ code: 'x', patientId: 'P1' }]])('refuses %j with 400 naming the field', async (body) => {
      const res = await json('/sandbox/qrcode/verify', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    });
  });
});

describe('the sandbox’s request log', () => {
  it('masks the card number in kiosk URLs', () => {
    expect(maskCardInUrl('/sandbox/cards/9100000001/verify')).toBe('/sandbox/cards/910***0001/verify');
    expect(maskCardInUrl('/sandbox/cards/9100000001/cancel?x=1')).toBe('/sandbox/cards/910***0001/cancel?x=1');
    expect(maskCardInUrl('/sandbox/cards')).toBe('/sandbox/cards');
    expect(maskCardInUrl('/sandbox/clock')).toBe('/sandbox/clock');
  });
});
