/**
 * Inpatient services of the sandbox hospital over a real socket: admission and discharge controls,
 * charges posted per day on the hospital clock, the daily list, deposits (idempotent by TradeNo,
 * refused once discharged), the no-oracle stay lookup and the low-balance notice.
 */
import type {
  HsbEnvelope,
  HsbStay,
  PayInpatientDepositResponse,
  QueryInpatientDailyListResponse,
  QueryInpatientStayResponse,
  QueryInpatientStaysResponse,
  QueryPaymentsResponse,
} from '../../typings/hsb';
import { hospitalInstant } from '../../miniprogram/core/time';
import { yuanToFen } from '../../miniprogram/core/money';
import { STAY_MESSAGES, drawDailyCharges, inpatientData } from './inpatient';
import { startHospital, type RunningHospital } from './server';
import { registerWithCode, validIdCard } from './testing';
import { buildRequest, parseEnvelope } from './xml';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const DAY = 24 * 3600_000;
const CHILD = validIdCard('11010520200307123');
const GUARDIAN = validIdCard('11010519850307123');
const OTHER = validIdCard('44030519851201002');

describe('inpatient services in the sandbox hospital', () => {
  let running: RunningHospital;
  let patientId: string;
  let n = 0;

  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const get = async (path: string) => {
    const res = await fetch(`${running.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const hsb = async <B>(service: string, body: object): Promise<HsbEnvelope<B>> => {
    const res = await fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest(service, `i-${++n}`, '2026-11-26 09:30:00', body) });
    return parseEnvelope(await res.text()) as HsbEnvelope<B>;
  };
  const register = async (name: string, idCardNo: string, guardian?: { name: string; idCardNo: string }) =>
    (
      await registerWithCode(running.hospital, {
        PatientName: name,
        IdCardNo: idCardNo,
        Phone: '13812345678',
        ...(guardian ? { GuardianName: guardian.name, GuardianIdCardNo: guardian.idCardNo } : {}),
      })
    ).Body.Patient.PatientId;
  const admit = async (body: object) => (await post('/sandbox/admissions', body)).body as { stayId: string; admissionNo: string; wardName: string; bedNo: string; admittedAt: string };
  const stays = async (pid = patientId): Promise<HsbStay[]> => {
    const list = (await hsb<QueryInpatientStaysResponse>('QueryInpatientStays', { PatientId: pid })).Body.Stays;
    return typeof list === 'object' ? list.Stay : [];
  };
  const daily = (stayNo: string, date: string, pid = patientId) => hsb<QueryInpatientDailyListResponse>('QueryInpatientDailyList', { PatientId: pid, StayNo: stayNo, ChargeDate: date });
  const deposit = (stayNo: string, yuan: string, tradeNo: string, pid = patientId) =>
    hsb<PayInpatientDepositResponse>('PayInpatientDeposit', {
      PatientId: pid,
      StayNo: stayNo,
      TotalFee: yuan,
      TradeNo: tradeNo,
      TransactionId: `4200${tradeNo}`,
      PayTime: '2026-11-27 10:00:00',
      PayChannel: 'WECHAT',
    });
  const fen = (yuan: string) => yuanToFen(yuan.replace(/^-/, ''))! * (yuan.startsWith('-') ? -1 : 1);

  beforeEach(async () => {
    running = await startHospital({ port: 0 });
    running.hospital.clock.set(T0, true);
    patientId = await register('王小宝', CHILD, { name: '王大明', idCardNo: GUARDIAN });
  });
  afterEach(() => running.close());

  it('admits a patient to a ward bed with the cashier deposit, and charges accrue for each day on the hospital clock', async () => {
    const admission = await admit({ patientId, deposit: 300_000 });
    expect(admission.stayId).toMatch(/^ZY\d{8}$/);
    expect(admission.admissionNo).toMatch(/^\d{8}$/);
    expect(inpatientData.wards.map((w) => w.name)).toContain(admission.wardName);

    let [stay] = await stays();
    expect(stay).toMatchObject({ StayNo: admission.stayId, AdmissionNo: admission.admissionNo, Status: '1', AdmitTime: '2026-11-26 09:30:00', DischargeTime: '', DepositTotal: '3000.00' });
    const day1 = fen(stay!.ChargeTotal);
    expect(day1).toBeGreaterThan(0);
    expect(fen(stay!.Balance)).toBe(300_000 - day1);

    // Two days later three days are charged: each day's list sums to what the stay adds up.
    running.hospital.clock.set(T0 + 2 * DAY, true);
    [stay] = await stays();
    const lists = await Promise.all(['2026-11-26', '2026-11-27', '2026-11-28'].map((d) => daily(admission.stayId, d)));
    const totals = lists.map((l) => fen(l.Body.DayTotal));
    expect(totals[0]).toBe(day1);
    expect(fen(stay!.ChargeTotal)).toBe(totals.reduce((a, b) => a + b, 0));
    for (const list of lists) {
      const items = list.Body.Items.Item;
      expect(items[0]).toMatchObject({ Category: '1', ItemName: '床位费', Quantity: '1' });
      expect(items[1]?.Category).toBe('2');
      for (const item of items) expect(fen(item.Amount)).toBe(fen(item.UnitPrice) * Number(item.Quantity));
      expect(items.reduce((s, i) => s + fen(i.Amount), 0)).toBe(fen(list.Body.DayTotal));
    }
    // Reading again posts nothing twice.
    const [again] = await stays();
    expect(again!.ChargeTotal).toBe(stay!.ChargeTotal);
  });

  it('refuses a daily list outside the stay, and answers another patient alike for an unknown one', async () => {
    const admission = await admit({ patientId });
    expect((await daily(admission.stayId, '2026-11-25')).Header).toMatchObject({ ResultCode: '2001', ResultMessage: STAY_MESSAGES.notDuringStay });
    expect((await daily(admission.stayId, '2026-11-27')).Header.ResultCode).toBe('2001');

    const other = await register('李四', OTHER);
    const byOther = await hsb<QueryInpatientStayResponse>('QueryInpatientStay', { PatientId: other, AdmissionNo: admission.admissionNo });
    const unknown = await hsb<QueryInpatientStayResponse>('QueryInpatientStay', { PatientId: other, AdmissionNo: '39999999' });
    expect(byOther.Header).toMatchObject({ ResultCode: '1001', ResultMessage: STAY_MESSAGES.notFound });
    expect(unknown.Header).toMatchObject({ ResultCode: '1001', ResultMessage: byOther.Header.ResultMessage });
    expect((await daily(admission.stayId, '2026-11-26', other)).Header.ResultCode).toBe('1001');

    const mine = await hsb<QueryInpatientStayResponse>('QueryInpatientStay', { PatientId: patientId, AdmissionNo: admission.admissionNo });
    expect(mine.Body.Stay.StayNo).toBe(admission.stayId);
    const both = await hsb<QueryInpatientStayResponse>('QueryInpatientStay', { PatientId: patientId, AdmissionNo: admission.admissionNo, StayNo: admission.stayId });
    expect(both.Header.ResultCode).toBe('1002');
  });

  it('records an online deposit once per TradeNo, in the payments reconciliation reads, and refuses it once discharged', async () => {
    const admission = await admit({ patientId, deposit: 0 });
    const first = await deposit(admission.stayId, '1000.00', 'Z0000000000000001N1');
    expect(first.Header.ResultCode).toBe('0');
    expect(first.Body.ReceiptNo).toMatch(/^SJ20261127\d{6}$/);
    expect(first.Body.Stay.DepositTotal).toBe('1000.00');
    const replay = await deposit(admission.stayId, '1000.00', 'Z0000000000000001N1');
    expect(replay.Body.ReceiptNo).toBe(first.Body.ReceiptNo);
    expect((await stays())[0]!.DepositTotal).toBe('1000.00');
    const payments = (await hsb<QueryPaymentsResponse>('QueryPayments', { Date: '2026-11-27' })).Body.Payments;
    expect(typeof payments === 'object' ? payments.Payment : []).toEqual([expect.objectContaining({ TradeNo: 'Z0000000000000001N1', TotalFee: '1000.00', PatientId: patientId })]);

    // Discharged and settling: the ward takes no more deposits online.
    const settling = await post(`/sandbox/admissions/${admission.admissionNo}/discharge`, { settle: false });
    expect(settling.body).toMatchObject({ status: 'settling', settledAt: null });
    const refused = await deposit(admission.stayId, '500.00', 'Z0000000000000002N1');
    expect(refused.Header).toMatchObject({ ResultCode: '2001', ResultMessage: STAY_MESSAGES.notInHospital });
    const settled = await post(`/sandbox/admissions/${admission.admissionNo}/discharge`);
    expect(settled.body).toMatchObject({ status: 'discharged', settledAt: '2026-11-26 09:30:00' });
    expect(settled.body.settlement).toBe(settled.body.balance);
    expect((await deposit(admission.stayId, '500.00', 'Z0000000000000003N1')).Header.ResultCode).toBe('2001');
    expect((await post(`/sandbox/admissions/${admission.admissionNo}/discharge`)).status).toBe(409);
    expect((await stays())[0]).toMatchObject({ Status: '3', DepositTotal: '1000.00' });
    // Another patient's stay is not found, whatever the number.
    const other = await register('李四', OTHER);
    expect((await deposit(admission.stayId, '500.00', 'Z0000000000000004N1', other)).Header.ResultCode).toBe('1001');
  });

  it('notices a low balance once when the day\'s charges take it below the threshold, and again after a top-up runs out', async () => {
    const admission = await admit({ patientId, deposit: 100_500 });
    // The first day's charges exceed 5 yuan, so the balance starts below 1,000 yuan.
    let notices = (await get(`/sandbox/admissions/${admission.admissionNo}`)).body;
    expect(notices.lowBalanceThreshold).toBe(100_000);
    expect(notices.lowBalanceNotices).toEqual([expect.objectContaining({ chargeDate: '2026-11-26', threshold: 100_000 })]);
    await deposit(admission.stayId, '5000.00', 'Z0000000000000005N1');
    running.hospital.clock.set(T0 + 20 * DAY, true);
    notices = (await get(`/sandbox/admissions/${admission.admissionNo}`)).body;
    const list = notices.lowBalanceNotices as { chargeDate: string; balance: number }[];
    expect(list).toHaveLength(2);
    expect(list[1]!.balance).toBeLessThan(100_000);
    expect(list[1]!.chargeDate > '2026-11-26').toBe(true);
  });

  it('refuses a second live admission, unknown patients and bad control input with the field named', async () => {
    await admit({ patientId });
    expect(await post('/sandbox/admissions', { patientId })).toMatchObject({ status: 409 });
    expect(await post('/sandbox/admissions', { patientId: 'P99999999' })).toMatchObject({ status: 404, body: { field: 'patientId' } });
    expect(await post('/sandbox/admissions', { patientId, deposit: 12.5 })).toMatchObject({ status: 400, body: { field: 'deposit' } });
    expect(await post('/sandbox/admissions/30000009/discharge')).toMatchObject({ status: 404 });
    expect(await post('/sandbox/admissions/30000001/discharge', { settle: 'yes' })).toMatchObject({ status: 400, body: { field: 'settle' } });
  });

  it('draws a day\'s charges from the seed, the stay and the date alone', () => {
    const stay = { stayNo: 'ZY10000001', nursingIndex: 0, bedFee: 4500, admittedAt: '2026-11-26 09:30:00' };
    expect(drawDailyCharges(7, stay, '2026-11-27')).toEqual(drawDailyCharges(7, stay, '2026-11-27'));
    expect(drawDailyCharges(7, stay, '2026-11-27')).not.toEqual(drawDailyCharges(7, stay, '2026-11-28'));
  });
});
