/**
 * Outpatient billing of the sandbox hospital over a real socket: visits that leave bills, pending
 * bills, payment confirmation (idempotent, exactly one winner), the day's payments, costs, and the
 * one-sided controls reconciliation tests use.
 */
import type {
  ConfirmPaymentResponse,
  HsbEnvelope,
  QueryCostsResponse,
  QueryPaymentsResponse,
  QueryPendingBillsResponse,
} from '../../typings/hsb';
import { hospitalInstant } from '../../miniprogram/core/time';
import { yuanToFen } from '../../miniprogram/core/money';
import { AMOUNT_MISMATCH_MESSAGE, BILL_CHANGED_MESSAGE } from './billing';
import { chargeItemsData } from './data';
import { startHospital, type RunningHospital } from './server';
import { registerWithCode, validIdCard } from './testing';
import { buildRequest, parseEnvelope } from './xml';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const ADULT = validIdCard('11010519900307123');
const OTHER = validIdCard('44030519851201002');

interface CreatedVisit {
  visitId: string;
  bills: { billId: string; amount: number }[];
}

describe('billing in the sandbox hospital', () => {
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
  const hsb = async <B>(service: string, body: object): Promise<HsbEnvelope<B>> => {
    const res = await fetch(`${running.url}/hsb`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildRequest(service, `b-${++n}`, '2026-11-26 09:30:00', body) });
    return parseEnvelope(await res.text()) as HsbEnvelope<B>;
  };
  const register = async (name: string, idCardNo: string) =>
    (await registerWithCode(running.hospital, { PatientName: name, IdCardNo: idCardNo, Phone: '13812345678' })).Body.Patient.PatientId;
  const visit = async (pid = patientId) => (await post('/sandbox/visits', { patientId: pid })).body as unknown as CreatedVisit;
  const pending = async (pid = patientId) => {
    const answer = await hsb<QueryPendingBillsResponse>('QueryPendingBills', { PatientId: pid });
    const bills = answer.Body.Bills;
    return typeof bills === 'object' ? bills.Bill : [];
  };
  const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  const sum = (v: CreatedVisit) => v.bills.reduce((s, b) => s + b.amount, 0);
  const confirm = (o: { billIds: string[]; fen: number; tradeNo: string; pid?: string; payTime?: string }) =>
    hsb<ConfirmPaymentResponse>('ConfirmPayment', {
      PatientId: o.pid ?? patientId,
      BizType: 'BILL',
      BillNos: { BillNo: o.billIds },
      TotalFee: yuan(o.fen),
      TradeNo: o.tradeNo,
      TransactionId: `4200${o.tradeNo}`,
      PayTime: o.payTime ?? '2026-11-26 09:31:00',
      PayChannel: 'WECHAT',
    });
  const payments = async (date: string) => {
    const list = (await hsb<QueryPaymentsResponse>('QueryPayments', { Date: date })).Body.Payments;
    return typeof list === 'object' ? list.Payment : [];
  };
  const paymentRows = () => running.hospital.db.prepare('SELECT COUNT(*) FROM payments').pluck().get();

  beforeEach(async () => {
    running = await startHospital({ port: 0 });
    running.hospital.clock.set(T0, true);
    patientId = await register('王小明', ADULT);
  });
  afterEach(() => running.close());

  describe('POST /sandbox/visits and QueryPendingBills', () => {
    it('leaves 1–4 pending bills of different types today, 1–4 priced items each, at a real department’s doctor', async () => {
      const created = await visit();
      expect(created.visitId).toMatch(/^MZ\d+$/);
      expect(created.bills.length).toBeGreaterThanOrEqual(1);
      expect(created.bills.length).toBeLessThanOrEqual(4);
      const bills = await pending();
      expect(bills.map((b) => ({ billId: b.BillNo, amount: yuanToFen(b.TotalFee) }))).toEqual(created.bills);
      expect(new Set(bills.map((b) => b.BillType)).size).toBe(bills.length);
      const doctors = running.hospital.db.prepare('SELECT d.name AS doctor, p.name AS dept FROM doctors d JOIN departments p ON p.code = d.dept_code').all();
      for (const bill of bills) {
        expect(bill).toMatchObject({ VisitNo: created.visitId, VisitDate: '2026-11-26', BillTitle: chargeItemsData.billTitles[bill.BillType] });
        expect(doctors).toContainEqual({ doctor: bill.DoctorName, dept: bill.DeptName });
        const items = bill.Items.Item;
        expect(items.length).toBeGreaterThanOrEqual(1);
        expect(items.length).toBeLessThanOrEqual(4);
        let total = 0;
        for (const item of items) {
          const price = yuanToFen(item.UnitPrice) ?? NaN;
          expect(yuanToFen(item.Amount)).toBe(price * Number(item.Quantity));
          total += yuanToFen(item.Amount) ?? NaN;
        }
        expect(yuanToFen(bill.TotalFee)).toBe(total);
      }
    });

    it('differs from call to call, and is the same for the same seed and order of calls', async () => {
      const first = [await visit(), await visit(), await visit()];
      expect(new Set(first.map((v) => JSON.stringify(v.bills.map((b) => b.amount)))).size).toBeGreaterThan(1);
      const again = await startHospital({ port: 0 });
      try {
        const registered = await registerWithCode(again.hospital, { PatientName: '王小明', IdCardNo: ADULT, Phone: '13812345678' });
        expect(registered.Body.Patient.PatientId).toBe(patientId);
        const replay = [];
        for (let i = 0; i < 3; i++) {
          const res = await fetch(`${again.url}/sandbox/visits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ patientId }) });
          replay.push(await res.json());
        }
        expect(replay).toEqual(first);
      } finally {
        await again.close();
      }
    });

    it('orders every kind of item over many visits, from the price list', async () => {
      const types = new Set<string>();
      const names = new Set<string>();
      for (let i = 0; i < 20; i++) await visit();
      for (const bill of await pending()) {
        types.add(bill.BillType);
        for (const item of bill.Items.Item) names.add(item.ItemName);
      }
      expect([...types].sort()).toEqual(['1', '2', '3', '4']);
      const catalogue = [...chargeItemsData.drugs, ...chargeItemsData.exams, ...chargeItemsData.labs, ...chargeItemsData.treatments].map((i) => i.name);
      for (const name of names) expect(catalogue).toContain(name);
    });

    it('refuses an unknown patient (404) and a malformed body (400)', async () => {
      expect(await post('/sandbox/visits', { patientId: 'P99999999' })).toEqual({ status: 404, body: { message: '患者不存在', field: 'patientId' } });
      expect((await post('/sandbox/visits', {})).status).toBe(400);
      expect((await post('/sandbox/visits', { patientId: 'P1', extra: 1 })).body).toMatchObject({ field: 'extra' });
    });

    it('answers an empty list for a patient with nothing to pay, 1001 for an unknown one, 1002 for a bad id', async () => {
      expect(await pending()).toEqual([]);
      expect((await hsb('QueryPendingBills', { PatientId: 'P99999999' })).Header).toMatchObject({ ResultCode: '1001', ResultMessage: '患者不存在' });
      expect((await hsb('QueryPendingBills', { PatientId: '../x' })).Header.ResultCode).toBe('1002');
    });
  });

  describe('ConfirmPayment', () => {
    it('pays the bills, records the payment and answers a receipt; the same TradeNo again answers the same receipt', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const first = await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT20261126001' });
      expect(first.Header.ResultCode).toBe('0');
      expect(first.Body.ReceiptNo).toMatch(/^SJ20261126\d{6}$/);
      expect(await pending()).toEqual([]);
      const retry = await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT20261126001' });
      expect(retry.Body.ReceiptNo).toBe(first.Body.ReceiptNo);
      expect(paymentRows()).toBe(1);
      expect(await payments('2026-11-26')).toEqual([
        { TradeNo: 'OT20261126001', TransactionId: '4200OT20261126001', PatientId: patientId, TotalFee: yuan(sum(v)), PayTime: '2026-11-26 09:31:00', ReceiptNo: first.Body.ReceiptNo },
      ]);
    });

    it('pays some of a visit’s bills and leaves the rest pending', async () => {
      let v = await visit();
      while (v.bills.length < 2) v = await visit();
      const [paid, ...rest] = v.bills;
      if (paid === undefined) throw new Error('no bill');
      expect((await confirm({ billIds: [paid.billId], fen: paid.amount, tradeNo: 'OT-part-1' })).Header.ResultCode).toBe('0');
      const left = (await pending()).filter((b) => b.VisitNo === v.visitId).map((b) => b.BillNo);
      expect(left).toEqual(rest.map((b) => b.billId));
    });

    it('refuses a second TradeNo for bills already paid, an amount that is not their sum, and someone else’s bill, changing nothing', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const wrongAmount = await confirm({ billIds: ids, fen: sum(v) - 1, tradeNo: 'OT-amount' });
      expect(wrongAmount.Header).toMatchObject({ ResultCode: '2001', ResultMessage: AMOUNT_MISMATCH_MESSAGE });
      const other = await register('李四', OTHER);
      const notTheirs = await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-other', pid: other });
      expect(notTheirs.Header).toMatchObject({ ResultCode: '2001', ResultMessage: BILL_CHANGED_MESSAGE });
      const unknownBill = await confirm({ billIds: [...ids, 'SF99999999'], fen: sum(v), tradeNo: 'OT-unknown' });
      expect(unknownBill.Header).toMatchObject({ ResultCode: '2001', ResultMessage: BILL_CHANGED_MESSAGE });
      expect(paymentRows()).toBe(0);
      expect((await pending()).map((b) => b.BillNo)).toEqual(ids);

      expect((await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-first' })).Header.ResultCode).toBe('0');
      const second = await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-second' });
      expect(second.Header).toMatchObject({ ResultCode: '2001', ResultMessage: BILL_CHANGED_MESSAGE });
      expect(paymentRows()).toBe(1);
    });

    it('lets exactly one of many concurrent confirmations of the same bills win', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => confirm({ billIds: ids, fen: sum(v), tradeNo: `OT-race-${i}` })));
      expect(answers.filter((a) => a.Header.ResultCode === '0')).toHaveLength(1);
      expect(answers.filter((a) => a.Header.ResultCode === '2001')).toHaveLength(11);
      expect(paymentRows()).toBe(1);
    });

    it('answers 1001 for an unknown patient and 1002 for malformed fields', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      expect((await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-nobody', pid: 'P99999999' })).Header.ResultCode).toBe('1001');
      const base = { PatientId: patientId, BizType: 'BILL', BillNos: { BillNo: ids }, TotalFee: yuan(sum(v)), TradeNo: 'OT-bad-1', TransactionId: '42001', PayTime: '2026-11-26 09:31:00', PayChannel: 'WECHAT' };
      const bad: Array<[object, string]> = [
        [{ ...base, TotalFee: '12.5' }, '支付金额格式不正确'],
        [{ ...base, TotalFee: '0.00' }, '支付金额应大于0'],
        [{ ...base, PayTime: '2026-11-26T01:31:00Z' }, '支付时间格式不正确（应为 YYYY-MM-DD HH:mm:ss）'],
        [{ ...base, BizType: 'REG' }, '业务类型只能是：BILL'],
        [{ ...base, TradeNo: 'short' }, '商户订单号格式不正确'],
        [{ ...base, BillNos: '' }, '请填写缴费单列表'],
        [{ ...base, BillNos: { BillNo: [ids[0], ids[0]] } }, '缴费单有重复项'],
      ];
      for (const [body, message] of bad) expect((await hsb('ConfirmPayment', body)).Header).toMatchObject({ ResultCode: '1002', ResultMessage: message });
      expect(paymentRows()).toBe(0);
    });

    it('fails with 9999 under an injected error fault, recording nothing', async () => {
      const v = await visit();
      await post('/sandbox/faults', { service: 'ConfirmPayment', mode: 'error' });
      expect((await confirm({ billIds: v.bills.map((b) => b.billId), fen: sum(v), tradeNo: 'OT-fault' })).Header.ResultCode).toBe('9999');
      expect(paymentRows()).toBe(0);
    });
  });

  describe('QueryPayments and QueryCosts', () => {
    it('lists one Shanghai day’s payments by PayTime', async () => {
      const a = await visit();
      const b = await visit();
      await confirm({ billIds: a.bills.map((x) => x.billId), fen: sum(a), tradeNo: 'OT-late', payTime: '2026-11-26 23:59:59' });
      await confirm({ billIds: b.bills.map((x) => x.billId), fen: sum(b), tradeNo: 'OT-next', payTime: '2026-11-27 00:00:00' });
      expect((await payments('2026-11-26')).map((p) => p.TradeNo)).toEqual(['OT-late']);
      expect((await payments('2026-11-27')).map((p) => p.TradeNo)).toEqual(['OT-next']);
      expect(await payments('2026-11-25')).toEqual([]);
      expect((await hsb('QueryPayments', { Date: '2026-02-30' })).Header.ResultCode).toBe('1002');
    });

    it('shows every visit’s bills, paid with their receipt or pending, newest visit first, voided ones left out', async () => {
      const older = await visit();
      let newer = await visit();
      while (newer.bills.length < 2) newer = await visit();
      const receipt = (await confirm({ billIds: older.bills.map((x) => x.billId), fen: sum(older), tradeNo: 'OT-costs' })).Body.ReceiptNo;
      const [voided, ...kept] = newer.bills;
      await post(`/sandbox/bills/${voided?.billId ?? ''}/void`);
      const answer = await hsb<QueryCostsResponse>('QueryCosts', { PatientId: patientId });
      const visits = answer.Body.Visits.Visit;
      const visitIds = visits.map((x) => x.VisitNo);
      expect(visitIds.indexOf(newer.visitId)).toBeLessThan(visitIds.indexOf(older.visitId));
      const paidVisit = visits.find((x) => x.VisitNo === older.visitId);
      expect(paidVisit?.Bills.Bill.map((x) => [x.BillNo, x.Status, x.ReceiptNo])).toEqual(older.bills.map((x) => [x.billId, '1', receipt]));
      const pendingVisit = visits.find((x) => x.VisitNo === newer.visitId);
      expect(pendingVisit?.Bills.Bill.map((x) => [x.BillNo, x.Status, x.ReceiptNo])).toEqual(kept.map((x) => [x.billId, '0', '']));
      expect((await hsb('QueryCosts', { PatientId: 'P99999999' })).Header.ResultCode).toBe('1001');
    });
  });

  describe('one-sided cases on purpose', () => {
    it('forgets a recorded payment: gone from the day’s payments, its bills pending again and payable anew', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-forget' });
      expect(await post('/sandbox/payments/forget', { tradeNo: 'OT-forget' })).toEqual({ status: 200, body: { tradeNo: 'OT-forget', billIds: ids } });
      expect(await payments('2026-11-26')).toEqual([]);
      expect((await pending()).map((b) => b.BillNo)).toEqual(ids);
      expect((await post('/sandbox/payments/forget', { tradeNo: 'OT-forget' })).status).toBe(404);
      // The cloud's retry of the same order is recorded afresh.
      expect((await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-forget' })).Header.ResultCode).toBe('0');
      expect(await pending()).toEqual([]);
    });

    it('records a phantom payment WeChat never took, on the day of its pay time', async () => {
      const made = await post('/sandbox/payments/phantom', { patientId, amount: 12345, tradeNo: 'OT-phantom', payTime: '2026-11-25 18:00:00' });
      expect(made).toEqual({
        status: 200,
        body: { tradeNo: 'OT-phantom', transactionId: expect.stringMatching(/^4200\d+$/), patientId, amount: 12345, payTime: '2026-11-25 18:00:00', receiptNo: expect.stringMatching(/^SJ20261125/) },
      });
      expect((await payments('2026-11-25')).map((p) => [p.TradeNo, p.TotalFee])).toEqual([['OT-phantom', '123.45']]);
      const today = await post('/sandbox/payments/phantom', { patientId, amount: 1, tradeNo: 'OT-phantom-2' });
      expect(today.body).toMatchObject({ payTime: '2026-11-26 09:30:00' });
      expect((await post('/sandbox/payments/phantom', { patientId, amount: 1, tradeNo: 'OT-phantom' })).status).toBe(409);
      expect((await post('/sandbox/payments/phantom', { patientId: 'P99999999', amount: 1, tradeNo: 'OT-phantom-3' })).status).toBe(404);
      expect((await post('/sandbox/payments/phantom', { patientId, amount: 1.5, tradeNo: 'OT-phantom-4' })).body).toMatchObject({ field: 'amount' });
      expect((await post('/sandbox/payments/phantom', { patientId, amount: 100, tradeNo: 'OT-phantom-5', payTime: 'yesterday' })).body).toMatchObject({ field: 'payTime' });
    });

    it('voids a pending bill: it leaves the pending list and its confirmation fails with 2001', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const [first] = ids;
      expect(await post(`/sandbox/bills/${first ?? ''}/void`)).toEqual({ status: 200, body: { billId: first, status: 'voided' } });
      expect((await pending()).map((b) => b.BillNo)).not.toContain(first);
      const refused = await confirm({ billIds: ids, fen: sum(v), tradeNo: 'OT-voided' });
      expect(refused.Header).toMatchObject({ ResultCode: '2001', ResultMessage: BILL_CHANGED_MESSAGE });
      expect((await post('/sandbox/bills/SF99999999/void')).status).toBe(404);
    });

    it('refuses to void a paid bill (409)', async () => {
      const v = await visit();
      await confirm({ billIds: v.bills.map((b) => b.billId), fen: sum(v), tradeNo: 'OT-paid' });
      expect(await post(`/sandbox/bills/${v.bills[0]?.billId ?? ''}/void`)).toEqual({ status: 409, body: { message: '该缴费单已缴费，不能作废', field: 'billNo' } });
    });
  });
});
