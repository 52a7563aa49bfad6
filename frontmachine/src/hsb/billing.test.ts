/** The adapter's bill, payment and cost mappings against a fake HSB: every edge of the protocol. */
import { fields, type FakeHsb } from '../../testing/fake-hsb';
import { hsbAdapterFixture } from '../../testing/hsb-adapter';
import type { HsbHospital } from './adapter';

const NOW = Date.UTC(2026, 10, 26, 1, 30, 0); // 09:30 in Shanghai

type ItemFields = Partial<Record<'ItemName' | 'Spec' | 'Quantity' | 'Unit' | 'UnitPrice' | 'Amount', string>>;
type BillFields = Partial<Record<'BillNo' | 'VisitNo' | 'VisitDate' | 'DeptName' | 'DoctorName' | 'BillType' | 'BillTitle' | 'TotalFee', string>>;

const item = (o: ItemFields = {}) => `<Item>${fields({ ItemName: '布洛芬混悬液', Spec: '100ml:2g', Quantity: '1', Unit: '瓶', UnitPrice: '28.50', Amount: '28.50', ...o })}</Item>`;
const bill = (o: BillFields = {}, itemsXml = item()) =>
  `<Bill>${fields({ BillNo: 'SF10000001', VisitNo: 'MZ10000001', VisitDate: '2026-11-26', DeptName: '呼吸科', DoctorName: '李明', BillType: '1', BillTitle: '西药费', TotalFee: '28.50', ...o })}<Items>${itemsXml}</Items></Bill>`;
const bills = (...xml: string[]) => `<Bills>${xml.join('')}</Bills>`;
const payment = (o: Partial<Record<'TradeNo' | 'TransactionId' | 'PatientId' | 'TotalFee' | 'PayTime' | 'ReceiptNo', string>> = {}) =>
  `<Payment>${fields({ TradeNo: 'OT000001', TransactionId: '4200000001', PatientId: 'P10000001', TotalFee: '28.50', PayTime: '2026-11-26 09:31:00', ReceiptNo: 'SJ20261126000001', ...o })}</Payment>`;
const costBill = (o: Partial<Record<'BillNo' | 'BillType' | 'BillTitle' | 'TotalFee' | 'Status' | 'ReceiptNo', string>> = {}) =>
  `<Bill>${fields({ BillNo: 'SF10000001', BillType: '1', BillTitle: '西药费', TotalFee: '28.50', Status: '1', ReceiptNo: 'SJ20261126000001', ...o })}</Bill>`;
const costVisit = (billsXml: string, visitNo = 'MZ10000001') =>
  `<Visit>${fields({ VisitNo: visitNo, VisitDate: '2026-11-26', DeptName: '呼吸科', DoctorName: '李明' })}<Bills>${billsXml}</Bills></Visit>`;

const CONFIRMATION = {
  patientId: 'P10000001',
  billIds: ['SF10000001', 'SF10000002'],
  amount: 12345,
  outTradeNo: 'OT000001',
  transactionId: '4200000001',
  paidAt: '2026-11-26T16:04:59.000Z',
};

describe('HSB adapter: bills, payments, costs', () => {
  const hsb = hsbAdapterFixture({ now: NOW, timeoutMs: 500, logClient: true });
  const { answer, failure } = hsb;
  let fake: FakeHsb;
  let hospital: HsbHospital;
  let logLines: string[];
  beforeEach(() => ({ fake, hospital, logLines } = hsb));

  describe('QueryPendingBills', () => {
    it('asks by PatientId and maps a bill with its items, yuan to fen exactly', async () => {
      answer(() => ({
        bodyXml: bills(
          bill({ TotalFee: '57.39' }, item({ Quantity: '2', UnitPrice: '19.99', Amount: '39.98' }) + item({ ItemName: '蒙脱石散', Spec: '3g*10袋', Unit: '盒', UnitPrice: '0.10', Amount: '0.10' }) + item({ ItemName: '口服补液盐散(Ⅲ)', Quantity: '0.5', UnitPrice: '34.62', Amount: '17.31' })),
        ),
      }));
      expect(await hospital.pendingBills('P10000001')).toEqual([
        {
          billId: 'SF10000001',
          visitId: 'MZ10000001',
          visitDate: '2026-11-26',
          deptName: '呼吸科',
          doctorName: '李明',
          category: 'drug',
          title: '西药费',
          amount: 5739,
          items: [
            { name: '布洛芬混悬液', spec: '100ml:2g', quantity: 2, unit: '瓶', unitPrice: 1999, amount: 3998 },
            { name: '蒙脱石散', spec: '3g*10袋', quantity: 1, unit: '盒', unitPrice: 10, amount: 10 },
            { name: '口服补液盐散(Ⅲ)', spec: '100ml:2g', quantity: 0.5, unit: '瓶', unitPrice: 3462, amount: 1731 },
          ],
        },
      ]);
      expect(fake.calls.map((c) => [c.service, c.body])).toEqual([['QueryPendingBills', { PatientId: 'P10000001' }]]);
    });

    it.each([
      ['1', 'drug'],
      ['2', 'exam'],
      ['3', 'lab'],
      ['4', 'treatment'],
    ])('maps BillType %s to %s', async (code, category) => {
      answer(() => ({ bodyXml: bills(bill({ BillType: code })) }));
      expect((await hospital.pendingBills('P10000001'))[0]?.category).toBe(category);
    });

    it('reads one bill with one item as lists, several as lists, an empty Spec as "", and no bills as []', async () => {
      answer(() => ({ bodyXml: bills(bill({}, item({ Spec: '' }))) }));
      const [one] = await hospital.pendingBills('P10000001');
      expect(one?.items).toEqual([expect.objectContaining({ spec: '' })]);
      answer(() => ({ bodyXml: bills(bill(), bill({ BillNo: 'SF10000002', BillType: '3' })) }));
      expect((await hospital.pendingBills('P10000001')).map((b) => b.billId)).toEqual(['SF10000001', 'SF10000002']);
      answer(() => ({ bodyXml: '<Bills/>' }));
      expect(await hospital.pendingBills('P10000001')).toEqual([]);
      answer(() => ({ bodyXml: '' }));
      expect(await hospital.pendingBills('P10000001')).toEqual([]);
    });

    it.each([
      ['BillType 5', bills(bill({ BillType: '5' }))],
      ['BillType empty', bills(bill({ BillType: '' }))],
      ['a TotalFee with three decimals', bills(bill({ TotalFee: '28.505' }))],
      ['a negative TotalFee', bills(bill({ TotalFee: '-28.50' }))],
      ['a UnitPrice in fen', bills(bill({}, item({ UnitPrice: '2850分' })))],
      ['a Quantity in exponent form', bills(bill({}, item({ Quantity: '1e2' })))],
      ['a negative Quantity', bills(bill({}, item({ Quantity: '-1' })))],
      ['an empty Quantity', bills(bill({}, item({ Quantity: '' })))],
      ['an impossible VisitDate', bills(bill({ VisitDate: '2026-02-30' }))],
      ['an empty BillNo', bills(bill({ BillNo: '' }))],
      ['an empty ItemName', bills(bill({}, item({ ItemName: '' })))],
      ['an item without an Amount', bills(bill({}, '<Item><ItemName>布洛芬混悬液</ItemName><Quantity>1</Quantity><UnitPrice>28.50</UnitPrice></Item>'))],
    ])('treats %s as off protocol, logging no item name', async (_what, bodyXml) => {
      answer(() => ({ bodyXml }));
      expect((await failure(hospital.pendingBills('P10000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
      const log = logLines.join('');
      expect(log).toContain('hsb answer off protocol');
      expect(log).not.toContain('布洛芬');
    });

    it('maps 1001 to NOT_FOUND on patientId, 9999 to HOSPITAL_UNAVAILABLE', async () => {
      answer(() => ({ code: '1001', message: '患者不存在' }));
      expect((await failure(hospital.pendingBills('P404'))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
      answer(() => ({ code: '9999', message: '系统繁忙' }));
      expect((await failure(hospital.pendingBills('P10000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('ConfirmPayment', () => {
    it('sends the bills as repeated BillNo, fen as yuan, paidAt as Shanghai wall time, and answers the receipt', async () => {
      answer(() => ({ bodyXml: '<ReceiptNo>SJ20261127000001</ReceiptNo>' }));
      expect(await hospital.confirmPayment(CONFIRMATION)).toEqual({ receiptNo: 'SJ20261127000001' });
      const sent = fake.calls[0];
      expect(sent?.service).toBe('ConfirmPayment');
      expect(sent?.xml).toContain('<BillNos><BillNo>SF10000001</BillNo><BillNo>SF10000002</BillNo></BillNos>');
      expect(sent?.body).toMatchObject({
        PatientId: 'P10000001',
        BizType: 'BILL',
        TotalFee: '123.45',
        TradeNo: 'OT000001',
        TransactionId: '4200000001',
        PayTime: '2026-11-27 00:04:59',
        PayChannel: 'WECHAT',
      });
    });

    it.each([
      [1, '0.01'],
      [10, '0.10'],
      [100, '1.00'],
      [99_999_999_999, '999999999.99'],
    ])('writes %d fen as %s yuan', async (amount, yuan) => {
      answer(() => ({ bodyXml: '<ReceiptNo>SJ1</ReceiptNo>' }));
      await hospital.confirmPayment({ ...CONFIRMATION, billIds: ['SF10000001'], amount });
      expect(fake.calls[0]?.xml).toContain(`<TotalFee>${yuan}</TotalFee>`);
      expect(fake.calls[0]?.xml).toContain('<BillNos><BillNo>SF10000001</BillNo></BillNos>');
    });

    it('maps 2001 to RULE_VIOLATION on billIds with the HSB’s message, 1001 to NOT_FOUND on patientId', async () => {
      answer(() => ({ code: '2001', message: '费用状态已变更（已缴费或已作废），请刷新后重试' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).toFailure()).toEqual({
        ok: false,
        code: 'RULE_VIOLATION',
        message: '费用状态已变更（已缴费或已作废），请刷新后重试',
        field: 'billIds',
      });
      answer(() => ({ code: '2001', message: '缴费金额与费用不符' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).toFailure()).toEqual({ ok: false, code: 'RULE_VIOLATION', message: '缴费金额与费用不符', field: 'billIds' });
      answer(() => ({ code: '1001', message: '患者不存在' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '患者不存在', field: 'patientId' });
    });

    it('maps 1002 to INVALID_INPUT with the HSB’s message and no field (it may concern any of them)', async () => {
      answer(() => ({ code: '1002', message: '支付时间格式不正确（应为 YYYY-MM-DD HH:mm:ss）' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).toFailure()).toEqual({
        ok: false,
        code: 'INVALID_INPUT',
        message: '支付时间格式不正确（应为 YYYY-MM-DD HH:mm:ss）',
      });
    });

    it('treats 9999, a hang and an answer without a receipt as HOSPITAL_UNAVAILABLE (the outcome stays open)', async () => {
      answer(() => ({ code: '9999', message: '系统繁忙' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).code).toBe('HOSPITAL_UNAVAILABLE');
      answer(() => ({ bodyXml: '<ReceiptNo/>' }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).code).toBe('HOSPITAL_UNAVAILABLE');
      answer(() => ({ hang: true }));
      expect((await failure(hospital.confirmPayment(CONFIRMATION))).code).toBe('HOSPITAL_UNAVAILABLE');
      fake.releaseHanging();
    });
  });

  describe('QueryPayments', () => {
    it('asks by Date and maps pay times to ISO instants and yuan to fen', async () => {
      answer(() => ({ bodyXml: `<Payments>${payment()}${payment({ TradeNo: 'OT000002', TotalFee: '0.01', PayTime: '2026-11-26 00:00:00' })}</Payments>` }));
      expect(await hospital.payments('2026-11-26')).toEqual([
        { outTradeNo: 'OT000001', transactionId: '4200000001', patientId: 'P10000001', amount: 2850, paidAt: '2026-11-26T01:31:00.000Z', receiptNo: 'SJ20261126000001' },
        { outTradeNo: 'OT000002', transactionId: '4200000001', patientId: 'P10000001', amount: 1, paidAt: '2026-11-25T16:00:00.000Z', receiptNo: 'SJ20261126000001' },
      ]);
      expect(fake.calls[0]?.body).toEqual({ Date: '2026-11-26' });
    });

    it('reads one payment as a list and none as []', async () => {
      answer(() => ({ bodyXml: `<Payments>${payment()}</Payments>` }));
      expect(await hospital.payments('2026-11-26')).toHaveLength(1);
      answer(() => ({ bodyXml: '<Payments></Payments>' }));
      expect(await hospital.payments('2026-11-26')).toEqual([]);
    });

    it.each(['2026-11-26T09:31:00', '2026-11-26 24:00:00', '', '1795656660'])('treats PayTime %j as off protocol', async (PayTime) => {
      answer(() => ({ bodyXml: `<Payments>${payment({ PayTime })}</Payments>` }));
      expect((await failure(hospital.payments('2026-11-26'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('treats an empty TradeNo or a bad TotalFee as off protocol', async () => {
      answer(() => ({ bodyXml: `<Payments>${payment({ TradeNo: '' })}</Payments>` }));
      expect((await failure(hospital.payments('2026-11-26'))).code).toBe('HOSPITAL_UNAVAILABLE');
      answer(() => ({ bodyXml: `<Payments>${payment({ TotalFee: '28.5.0' })}</Payments>` }));
      expect((await failure(hospital.payments('2026-11-26'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });
  });

  describe('QueryCosts', () => {
    it('maps visits with paid and pending bills and sums them per visit', async () => {
      answer(() => ({
        bodyXml: `<Visits>${costVisit(costBill() + costBill({ BillNo: 'SF10000002', BillType: '3', BillTitle: '检验费', TotalFee: '20.00', Status: '0', ReceiptNo: '' }))}${costVisit(costBill({ BillNo: 'SF10000003', BillType: '2', TotalFee: '60.00' }), 'MZ10000000')}</Visits>`,
      }));
      expect(await hospital.costs('P10000001')).toEqual([
        {
          visitId: 'MZ10000001',
          visitDate: '2026-11-26',
          deptName: '呼吸科',
          doctorName: '李明',
          total: 4850,
          paid: 2850,
          pending: 2000,
          bills: [
            { billId: 'SF10000001', title: '西药费', category: 'drug', amount: 2850, status: 'paid', receiptNo: 'SJ20261126000001' },
            { billId: 'SF10000002', title: '检验费', category: 'lab', amount: 2000, status: 'pending', receiptNo: null },
          ],
        },
        {
          visitId: 'MZ10000000',
          visitDate: '2026-11-26',
          deptName: '呼吸科',
          doctorName: '李明',
          total: 6000,
          paid: 6000,
          pending: 0,
          bills: [{ billId: 'SF10000003', title: '西药费', category: 'exam', amount: 6000, status: 'paid', receiptNo: 'SJ20261126000001' }],
        },
      ]);
      expect(fake.calls[0]?.body).toEqual({ PatientId: 'P10000001' });
    });

    it('reads a visit with one bill as lists and no visits as []', async () => {
      answer(() => ({ bodyXml: `<Visits>${costVisit(costBill())}</Visits>` }));
      expect((await hospital.costs('P10000001'))[0]?.bills).toHaveLength(1);
      answer(() => ({ bodyXml: '<Visits/>' }));
      expect(await hospital.costs('P10000001')).toEqual([]);
    });

    it.each([
      ['Status 2', costBill({ Status: '2' })],
      ['BillType 0', costBill({ BillType: '0' })],
      ['TotalFee 1,000.00', costBill({ TotalFee: '1,000.00' })],
    ])('treats %s as off protocol', async (_what, billXml) => {
      answer(() => ({ bodyXml: `<Visits>${costVisit(billXml)}</Visits>` }));
      expect((await failure(hospital.costs('P10000001'))).code).toBe('HOSPITAL_UNAVAILABLE');
    });

    it('maps 1001 to NOT_FOUND on patientId', async () => {
      answer(() => ({ code: '1001', message: '' }));
      expect((await failure(hospital.costs('P404'))).toFailure()).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到该就诊人', field: 'patientId' });
    });
  });
});
