/**
 * The payment operations end to end: signed JSON in, HSB XML to the real sandbox hospital (on a
 * random port), whose controls play the doctor (visits leave bills) and the one-sided accounts.
 */
import { FM_HEADERS } from '../../protocol/signature';
import type { Bill, CostVisit } from '../../typings/payment';
import { hospitalInstant } from '../../miniprogram/core/time';
import { AMOUNT_MISMATCH_MESSAGE, BILL_CHANGED_MESSAGE, type RunningHospital } from '../../sandbox/hospital';
import { chargeItemsData } from '../../sandbox/hospital/data';
import { validIdCard } from '../../sandbox/hospital/testing';
import type { RunningFrontMachine } from './index';
import { registerThroughCode, sandboxControl, signedCall, startAgainstSandbox, type AgainstSandbox } from '../testing/against-sandbox';

const T0 = hospitalInstant('2026-11-26 09:30:00');
const PAID_AT = '2026-11-26T01:31:00.000Z'; // 09:31 in Shanghai
const ADULT = validIdCard('11010519900307123');
const OTHER = validIdCard('44030519851201002');
const ITEM_NAMES = [...chargeItemsData.drugs, ...chargeItemsData.exams, ...chargeItemsData.labs, ...chargeItemsData.treatments].map((i) => i.name);

interface CreatedVisit {
  visitId: string;
  bills: { billId: string; amount: number }[];
}
interface Answer {
  status: number;
  text: string;
  body: { ok: boolean; data?: unknown; code?: string; message?: string; field?: string };
}

describe('bills, payment confirmation and the hospital’s payments against the sandbox hospital', () => {
  let sandbox: RunningHospital;
  let fm: RunningFrontMachine;
  let logText: string[];
  let patientId: string;
  let tradeSeq = 0;

  const call = (operation: string, data: unknown, idempotencyKey?: string): Promise<Answer> => signedCall<Answer['body']>(fm.url, operation, data, T0, idempotencyKey);
  const control = (path: string, body?: unknown) => sandboxControl(sandbox.url, path, body);
  const hsbCalls = (service: string) => sandbox.hospital.stats.snapshot().calls[service] ?? 0;
  const register = async (name: string, idCardNo: string) => {
    return registerThroughCode({ fm, sandbox }, { name, idCardNo, phone: '13812345678' }, T0);
  };
  const visit = async (pid = patientId) => (await control('/sandbox/visits', { patientId: pid })) as unknown as CreatedVisit;
  const sum = (v: CreatedVisit) => v.bills.reduce((s, b) => s + b.amount, 0);
  const nextTradeNo = () => `OT2026112600${String(++tradeSeq).padStart(4, '0')}`;
  /** bill.confirm with the outTradeNo as Idempotency-Key, as the cloud sends it. */
  const confirm = (o: { billIds: string[]; amount: number; outTradeNo?: string; pid?: string; key?: string }) => {
    const outTradeNo = o.outTradeNo ?? nextTradeNo();
    const data = { patientId: o.pid ?? patientId, billIds: o.billIds, amount: o.amount, outTradeNo, transactionId: `4200${outTradeNo}`, paidAt: PAID_AT };
    return call('bill.confirm', data, o.key ?? outTradeNo);
  };
  const pendingBills = async () => ((await call('bill.pending', { patientId })).body.data as { bills: Bill[] }).bills;
  const paymentList = async (date = '2026-11-26') => ((await call('payment.list', { date })).body.data as { payments: Record<string, unknown>[] }).payments;

  let running: AgainstSandbox;
  beforeEach(async () => {
    running = await startAgainstSandbox(T0, { captureLog: true });
    ({ sandbox, fm, logText } = running);
    patientId = await register('王小明', ADULT);
  });
  afterEach(() => running.close());

  describe('bill.pending', () => {
    it('answers the visit’s pending bills with their items, in fen, live on every call', async () => {
      expect((await call('bill.pending', { patientId })).body).toEqual({ ok: true, data: { bills: [] } });
      const v = await visit();
      const bills = await pendingBills();
      expect(bills.map((b) => ({ billId: b.billId, amount: b.amount }))).toEqual(v.bills);
      for (const b of bills) {
        expect(b).toMatchObject({ visitId: v.visitId, visitDate: '2026-11-26', category: expect.stringMatching(/^(drug|exam|lab|treatment)$/) });
        expect(b.items.reduce((s, i) => s + i.amount, 0)).toBe(b.amount);
        for (const i of b.items) {
          expect(Number.isInteger(i.unitPrice) && Number.isInteger(i.amount)).toBe(true);
          expect(i.amount).toBe(i.unitPrice * i.quantity);
          expect(ITEM_NAMES).toContain(i.name);
        }
      }
      expect(hsbCalls('QueryPendingBills')).toBe(2);
    });

    it('answers NOT_FOUND on patientId for an unknown patient and refuses a malformed id without asking', async () => {
      expect((await call('bill.pending', { patientId: 'P99999999' })).body).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
      expect((await call('bill.pending', { patientId: 'P1 OR 1' })).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '就诊人编号格式不正确', field: 'patientId' });
      expect((await call('bill.pending', {})).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请填写就诊人编号', field: 'patientId' });
      expect(hsbCalls('QueryPendingBills')).toBe(1);
    });

    it('never logs a bill item’s name', async () => {
      for (let i = 0; i < 3; i++) await visit();
      const bills = await pendingBills();
      const names = bills.flatMap((b) => b.items.map((i) => i.name));
      expect(names.length).toBeGreaterThan(0);
      const text = logText.join('');
      expect(text).toContain('"operation":"bill.pending"');
      expect(text).toContain('"service":"QueryPendingBills"');
      for (const name of names) expect(text).not.toContain(name);
    });
  });

  describe('bill.confirm', () => {
    it('records the payment and answers the receipt; the bills leave the pending list', async () => {
      const v = await visit();
      const res = await confirm({ billIds: v.bills.map((b) => b.billId), amount: sum(v) });
      expect(res.body).toEqual({ ok: true, data: { receiptNo: expect.stringMatching(/^SJ20261126\d{6}$/) } });
      expect(await pendingBills()).toEqual([]);
    });

    it('replays a retry with the same key (one HSB effect), and the hospital answers the same receipt to a new key with the same outTradeNo', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const first = await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-retry-0001' });
      const retry = await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-retry-0001' });
      expect(retry.text).toBe(first.text);
      expect(hsbCalls('ConfirmPayment')).toBe(1);
      const again = await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-retry-0001', key: 'another-key' });
      expect(again.body).toEqual(first.body);
      expect(hsbCalls('ConfirmPayment')).toBe(2);
      expect(sandbox.hospital.db.prepare('SELECT COUNT(*) FROM payments').pluck().get()).toBe(1);
    });

    it('confirms one of two orders for the same bills and refuses the other with RULE_VIOLATION on billIds', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      const [a, b] = await Promise.all([confirm({ billIds: ids, amount: sum(v) }), confirm({ billIds: ids, amount: sum(v) })]);
      const answers = [a, b].map((x) => x.body);
      expect(answers.filter((x) => x.ok)).toHaveLength(1);
      expect(answers.filter((x) => !x.ok)).toEqual([{ ok: false, code: 'RULE_VIOLATION', message: BILL_CHANGED_MESSAGE, field: 'billIds' }]);
      expect(await paymentList()).toHaveLength(1);
    });

    it('never replays a refusal: a retry of the refused order asks the hospital again, which refuses again (nothing changed)', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      await confirm({ billIds: ids, amount: sum(v) });
      const refused = await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-refused-01' });
      const retry = await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-refused-01' });
      expect(retry.text).toBe(refused.text);
      expect(hsbCalls('ConfirmPayment')).toBe(3);
    });

    it('refuses a bill the hospital voided before payment: the cloud must refund', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      await control(`/sandbox/bills/${ids[0] ?? ''}/void`);
      expect((await confirm({ billIds: ids, amount: sum(v) })).body).toEqual({ ok: false, code: 'RULE_VIOLATION', message: BILL_CHANGED_MESSAGE, field: 'billIds' });
      expect(await paymentList()).toEqual([]);
    });

    it('refuses an amount that is not the bills’ sum, and someone else’s bills', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      expect((await confirm({ billIds: ids, amount: sum(v) + 1 })).body).toEqual({ ok: false, code: 'RULE_VIOLATION', message: AMOUNT_MISMATCH_MESSAGE, field: 'billIds' });
      const other = await register('李四', OTHER);
      expect((await confirm({ billIds: ids, amount: sum(v), pid: other })).body).toMatchObject({ code: 'RULE_VIOLATION', message: BILL_CHANGED_MESSAGE });
      expect((await confirm({ billIds: ids, amount: sum(v), pid: 'P99999999' })).body).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
      expect((await pendingBills()).map((b) => b.billId)).toEqual(ids);
    });

    it('does not keep HOSPITAL_UNAVAILABLE: once the hospital is back, a retry with the same key confirms', async () => {
      const v = await visit();
      const ids = v.bills.map((b) => b.billId);
      await control('/sandbox/faults', { service: 'ConfirmPayment', mode: 'error' });
      expect((await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-fault-001' })).body).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
      await control('/sandbox/faults', { service: 'ConfirmPayment', mode: 'off' });
      expect((await confirm({ billIds: ids, amount: sum(v), outTradeNo: 'OT-fault-001' })).body).toMatchObject({ ok: true });
      expect(hsbCalls('ConfirmPayment')).toBe(2);
    });

    it('needs an Idempotency-Key', async () => {
      const v = await visit();
      const data = { patientId, billIds: v.bills.map((b) => b.billId), amount: sum(v), outTradeNo: 'OT-nokey-01', transactionId: '42001', paidAt: PAID_AT };
      const res = await call('bill.confirm', data);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: FM_HEADERS.idempotencyKey });
      expect(hsbCalls('ConfirmPayment')).toBe(0);
    });

    const valid = { patientId: 'P10000001', billIds: ['SF10000001'], amount: 2850, outTradeNo: 'OT000001', transactionId: '4200000001', paidAt: PAID_AT };
    const inputCases: Array<[string, object, string, string]> = [
      ['no bills', { ...valid, billIds: [] }, 'billIds', '请至少选择1项缴费单'],
      ['21 bills', { ...valid, billIds: Array.from({ length: 21 }, (_, i) => `SF${i}`) }, 'billIds', '缴费单最多20项'],
      ['a bill twice', { ...valid, billIds: ['SF1', 'SF1'] }, 'billIds', '缴费单有重复项'],
      ['a malformed bill id', { ...valid, billIds: ['SF1', 'SF 2'] }, 'billIds.1', '缴费单号格式不正确'],
      ['bills as text', { ...valid, billIds: 'SF1' }, 'billIds', '缴费单应为列表'],
      ['a zero amount', { ...valid, amount: 0 }, 'amount', '支付金额（分）不能小于1'],
      ['an amount in yuan', { ...valid, amount: 28.5 }, 'amount', '支付金额（分）应为整数'],
      ['an amount as text', { ...valid, amount: '2850' }, 'amount', '支付金额（分）应为整数'],
      ['a short outTradeNo', { ...valid, outTradeNo: 'OT01' }, 'outTradeNo', '商户订单号格式不正确'],
      ['an outTradeNo of 33 characters', { ...valid, outTradeNo: 'O'.repeat(33) }, 'outTradeNo', '商户订单号格式不正确'],
      ['an outTradeNo with a space', { ...valid, outTradeNo: 'OT 000001' }, 'outTradeNo', '商户订单号格式不正确'],
      ['no transactionId', { ...valid, transactionId: '' }, 'transactionId', '请填写微信支付订单号'],
      ['a zone-less paidAt', { ...valid, paidAt: '2026-11-26T09:31:00' }, 'paidAt', '支付时间应为ISO时间（如 2026-11-26T01:31:00Z）'],
      ['a paidAt in wall time', { ...valid, paidAt: '2026-11-26 09:31:00' }, 'paidAt', '支付时间应为ISO时间（如 2026-11-26T01:31:00Z）'],
      ['an impossible paidAt', { ...valid, paidAt: '2026-11-26T25:31:00Z' }, 'paidAt', '支付时间应为ISO时间（如 2026-11-26T01:31:00Z）'],
      ['a field the contract lacks', { ...valid, openid: 'x' }, 'openid', '不支持的参数：openid'],
    ];
    it.each(inputCases)('refuses %s before asking the hospital', async (_what, data, field, message) => {
      const res = await call('bill.confirm', data, 'input-check');
      expect(res.body).toEqual({ ok: false, code: 'INVALID_INPUT', message, field });
      expect(hsbCalls('ConfirmPayment')).toBe(0);
    });

    it('accepts paidAt with an offset and sends the Shanghai wall time', async () => {
      const v = await visit();
      const data = { patientId, billIds: v.bills.map((b) => b.billId), amount: sum(v), outTradeNo: 'OT-offset-01', transactionId: '42001', paidAt: '2026-11-26T23:59:59+08:00' };
      expect((await call('bill.confirm', data, 'OT-offset-01')).body).toMatchObject({ ok: true });
      expect(sandbox.hospital.db.prepare('SELECT pay_time FROM payments').pluck().get()).toBe('2026-11-26 23:59:59');
    });
  });

  describe('payment.list', () => {
    it('lists the day’s confirmed payments with ISO pay times and fen', async () => {
      const a = await visit();
      const b = await visit();
      const ra = (await confirm({ billIds: a.bills.map((x) => x.billId), amount: sum(a), outTradeNo: 'OT-list-0001' })).body.data as { receiptNo: string };
      await confirm({ billIds: b.bills.map((x) => x.billId), amount: sum(b), outTradeNo: 'OT-list-0002' });
      const list = await paymentList();
      expect(list.map((p) => p.outTradeNo)).toEqual(['OT-list-0001', 'OT-list-0002']);
      expect(list[0]).toEqual({ outTradeNo: 'OT-list-0001', transactionId: '4200OT-list-0001', patientId, amount: sum(a), paidAt: PAID_AT, receiptNo: ra.receiptNo });
      expect(await paymentList('2026-11-25')).toEqual([]);
    });

    it('shows the one-sided cases: a phantom payment appears, a forgotten one disappears', async () => {
      const v = await visit();
      await confirm({ billIds: v.bills.map((x) => x.billId), amount: sum(v), outTradeNo: 'OT-forgot-01' });
      await control('/sandbox/payments/phantom', { patientId, amount: 4200, tradeNo: 'OT-phantom-1', payTime: '2026-11-26 12:00:00' });
      expect((await paymentList()).map((p) => [p.outTradeNo, p.amount, p.paidAt])).toEqual([
        ['OT-forgot-01', sum(v), PAID_AT],
        ['OT-phantom-1', 4200, '2026-11-26T04:00:00.000Z'],
      ]);
      await control('/sandbox/payments/forget', { tradeNo: 'OT-forgot-01' });
      expect((await paymentList()).map((p) => p.outTradeNo)).toEqual(['OT-phantom-1']);
      expect((await pendingBills()).map((b) => b.billId)).toEqual(v.bills.map((b) => b.billId));
      expect(hsbCalls('QueryPayments')).toBe(2);
    });

    it('refuses a malformed date', async () => {
      expect((await call('payment.list', { date: '2026-02-30' })).body).toEqual({ ok: false, code: 'INVALID_INPUT', message: '日期应为有效日期（如 2026-01-31）', field: 'date' });
      expect((await call('payment.list', {})).body).toMatchObject({ code: 'INVALID_INPUT', field: 'date' });
      expect(hsbCalls('QueryPayments')).toBe(0);
    });
  });

  describe('cost.list', () => {
    it('answers every visit with paid and pending totals and receipts', async () => {
      const paid = await visit();
      const open = await visit();
      const receipt = ((await confirm({ billIds: paid.bills.map((x) => x.billId), amount: sum(paid) })).body.data as { receiptNo: string }).receiptNo;
      const res = await call('cost.list', { patientId });
      const visits = (res.body.data as { visits: CostVisit[] }).visits;
      expect(visits.map((x) => x.visitId)).toEqual([open.visitId, paid.visitId]);
      expect(visits[0]).toMatchObject({ total: sum(open), paid: 0, pending: sum(open) });
      expect(visits[1]).toMatchObject({ total: sum(paid), paid: sum(paid), pending: 0 });
      expect(visits[1]?.bills.every((b) => b.status === 'paid' && b.receiptNo === receipt)).toBe(true);
      expect(visits[0]?.bills.every((b) => b.status === 'pending' && b.receiptNo === null)).toBe(true);
      expect((await call('cost.list', { patientId: 'P99999999' })).body).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'patientId' });
    });
  });
});
