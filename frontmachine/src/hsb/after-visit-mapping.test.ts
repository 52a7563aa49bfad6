/** HSB → domain for tests, surveys and e-invoices: names masked, wall times to instants, anything off-protocol refused. */
import { HsbProtocolError } from './envelope';
import { toInvoicePdf, toInvoices, toNatApplications, toPendingSurveys } from './after-visit-mapping';

const APPLICATION = {
  ApplicationNo: 'HS10000001',
  SampleCode: 'NATHS10000001ABCDEF',
  Mode: '2',
  Fee: '3.50',
  PayMode: 'ONSITE',
  Status: '3',
  Result: '1',
  PersonName: '林小雨',
  ApplyTime: '2026-11-26 10:00:00',
  SampleTime: '2026-11-26 10:30:00',
  ReportTime: '2026-11-26 16:00:00',
};

test('a test application: fen, masked name, instants, result', () => {
  expect(toNatApplications({ Applications: { Application: [APPLICATION] } })).toEqual([
    {
      applicationId: 'HS10000001',
      code: 'NATHS10000001ABCDEF',
      mode: 'mixed',
      fee: 350,
      payMode: 'onsite',
      status: 'reported',
      result: 'negative',
      personName: '林*雨',
      appliedAt: '2026-11-26T02:00:00.000Z',
      sampledAt: '2026-11-26T02:30:00.000Z',
      reportedAt: '2026-11-26T08:00:00.000Z',
    },
  ]);
  expect(toNatApplications({ Applications: '' })).toEqual([]);
  // A result without a report, an unknown status or mode is off protocol.
  expect(() => toNatApplications({ Applications: { Application: [{ ...APPLICATION, Status: '2' }] } })).toThrow(HsbProtocolError);
  expect(() => toNatApplications({ Applications: { Application: [{ ...APPLICATION, Status: '9' }] } })).toThrow(HsbProtocolError);
  expect(() => toNatApplications({ Applications: { Application: [{ ...APPLICATION, Mode: '3' }] } })).toThrow(HsbProtocolError);
});

test('surveys: the deadline as an instant', () => {
  const survey = { SurveyNo: 'MY1', VisitNo: 'MZ1', VisitDate: '2026-11-26', DeptName: '呼吸科', DoctorName: '王建国', Deadline: '2026-12-03 23:59:59', Status: '0' };
  expect(toPendingSurveys({ Surveys: { Survey: [survey] } })).toEqual([
    { surveyId: 'MY1', visitId: 'MZ1', visitDate: '2026-11-26', deptName: '呼吸科', doctorName: '王建国', deadline: '2026-12-03T15:59:59.000Z' },
  ]);
  expect(() => toPendingSurveys({ Surveys: { Survey: [{ ...survey, Deadline: '2026-12-03' }] } })).toThrow(HsbProtocolError);
});

test('invoices must add up, and a PDF must be a PDF', () => {
  const invoice = {
    InvoiceCode: '33010126',
    InvoiceNumber: '0000000001',
    CheckCode: 'A1B2C3',
    PayerName: '陈建国',
    Title: '门诊缴费',
    TotalFee: '153.00',
    IssueTime: '2026-11-26 10:05:00',
    Items: { Item: [{ Category: '西药费', Amount: '118.00' }, { Category: '检验费', Amount: '35.00' }] },
  };
  expect(toInvoices({ Invoices: { Invoice: [invoice] } })[0]).toMatchObject({ invoiceId: '330101260000000001', payerName: '陈*国', amount: 15300, issuedAt: '2026-11-26T02:05:00.000Z' });
  expect(() => toInvoices({ Invoices: { Invoice: [{ ...invoice, TotalFee: '150.00' }] } })).toThrow(HsbProtocolError);
  expect(toInvoicePdf({ FileName: 'a.pdf', PdfData: Buffer.from('%PDF-1.3\n…').toString('base64') }).fileName).toBe('a.pdf');
  expect(() => toInvoicePdf({ FileName: 'a.pdf', PdfData: Buffer.from('<html>').toString('base64') })).toThrow(HsbProtocolError);
});
