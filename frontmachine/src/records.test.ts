/**
 * Records and reports through the front machine against the sandbox hospital: signed JSON in, HSB
 * XML out. The patient goes with every lookup (another patient's ids are NOT_FOUND), a pending
 * report is RULE_VIOLATION, nothing clinical is cached (every read reaches the hospital) or logged.
 */
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../typings/records';
import { hospitalInstant } from '../../miniprogram/core/time';
import { validIdCard } from '../../sandbox/hospital/testing';
import { registerThroughCode, sandboxControl, signedCall, startAgainstSandbox, type AgainstSandbox } from '../testing/against-sandbox';

const T0 = hospitalInstant('2026-11-26 09:30:00');

interface Answer {
  ok: boolean;
  data?: unknown;
  code?: string;
  message?: string;
  field?: string;
}

let running: AgainstSandbox;
let child: string;
let other: string;
let trade = 0;

const call = async (operation: string, data: unknown, key?: string) => (await signedCall<Answer>(running.fm.url, operation, data, T0, key)).body;
const hsbCalls = (service: string) => running.sandbox.hospital.stats.snapshot().calls[service] ?? 0;

async function register(name: string, first17: string): Promise<string> {
  const idCardNo = validIdCard(first17);
  const guardian = { name: '王建国', idCardNo: validIdCard('11010519850307155') };
  return registerThroughCode(running, { name, idCardNo, phone: '13812345678', guardian }, T0);
}

/** A visit whose bills are paid, then the lab and imaging finish; answers the visit's id. */
async function paidVisit(patientId: string): Promise<{ visitId: string; finished: { reportId: string; kind: string }[] }> {
  for (let i = 0; i < 30; i++) {
    const v = (await sandboxControl(running.sandbox.url, '/sandbox/visits', { patientId })) as { visitId: string; bills: { billId: string; amount: number }[] };
    const outTradeNo = `OTREC${String(++trade).padStart(8, '0')}`;
    const amount = v.bills.reduce((s, b) => s + b.amount, 0);
    const paid = await call('bill.confirm', { patientId, billIds: v.bills.map((b) => b.billId), amount, outTradeNo, transactionId: `4200${outTradeNo}`, paidAt: '2026-11-26T01:40:00.000Z' }, outTradeNo);
    expect(paid.ok).toBe(true);
    const finished = (await sandboxControl(running.sandbox.url, '/sandbox/reports/finish', { patientId })).reports as { reportId: string; kind: string }[];
    if (finished.some((r) => r.kind === 'lab')) return { visitId: v.visitId, finished };
  }
  throw new Error('no visit with a lab in 30 draws');
}

beforeEach(async () => {
  running = await startAgainstSandbox(T0, { captureLog: true });
  child = await register('王小明', '11010520200307123');
  other = await register('李小红', '44030520190101002');
});
afterEach(() => running.close());

test('visits, their record and prescriptions, reports and a lab report with flags, read live every time', async () => {
  const { visitId, finished } = await paidVisit(child);

  const visits = (await call('visit.list', { patientId: child })).data as { visits: VisitSummary[] };
  expect(visits.visits[0]).toMatchObject({ visitId, visitDate: '2026-11-26', diagnosis: expect.any(String) });
  const detail = (await call('visit.get', { patientId: child, visitId })).data as VisitDetail;
  expect(detail.visit.visitId).toBe(visitId);
  expect(detail.record.diagnoses[0]).toBe(visits.visits[0]?.diagnosis);
  expect(detail.record.chiefComplaint.length).toBeGreaterThan(2);
  for (const p of detail.prescriptions) for (const item of p.items) expect(item).toMatchObject({ dose: expect.any(String), route: expect.any(String), days: expect.any(Number) });

  const reports = ((await call('report.list', { patientId: child })).data as { reports: ReportSummary[] }).reports;
  expect(reports.map((r) => r.reportId).sort()).toEqual(finished.map((r) => r.reportId).sort());
  expect(reports.every((r) => r.status === 'finished' && r.reportedAt === '2026-11-26T01:30:00.000Z')).toBe(true);

  const lab = finished.find((r) => r.kind === 'lab');
  const before = hsbCalls('QueryReport');
  const report = (await call('report.get', { patientId: child, reportId: lab?.reportId })).data as ReportDetail;
  const again = (await call('report.get', { patientId: child, reportId: lab?.reportId })).data as ReportDetail;
  expect(hsbCalls('QueryReport')).toBe(before + 2);
  expect(again).toEqual(report);
  if (report.content.kind !== 'lab') throw new Error('not a lab report');
  expect(report.content.results.length).toBeGreaterThan(0);
  for (const r of report.content.results) expect(['normal', 'high', 'low', 'abnormal']).toContain(r.flag);

  const numeric = report.content.results.find((r) => r.numeric);
  if (numeric !== undefined) {
    const trend = (await call('report.trend', { patientId: child, itemCode: numeric.itemCode })).data as LabTrend;
    expect(trend).toMatchObject({ itemCode: numeric.itemCode, unit: numeric.unit, points: [{ reportId: lab?.reportId, value: Number(numeric.value) }] });
  }

  // Nothing clinical reached the log: no diagnosis, complaint or drug name.
  const log = running.logText.join('\n');
  expect(log).toContain('QueryVisitRecord');
  expect(log).not.toContain(detail.record.diagnoses[0]);
  expect(log).not.toContain(detail.record.chiefComplaint);
  for (const p of detail.prescriptions) for (const item of p.items) expect(log).not.toContain(item.drugName);
});

test('another patient’s visit or report is NOT_FOUND like one that does not exist; a pending report is RULE_VIOLATION; bad ids are INVALID_INPUT', async () => {
  const { visitId, finished } = await paidVisit(child);
  const reportId = finished[0]?.reportId;

  expect(await call('visit.get', { patientId: other, visitId })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'visitId' });
  expect(await call('visit.get', { patientId: child, visitId: 'MZ99999999' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'visitId' });
  expect(await call('report.get', { patientId: other, reportId })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'reportId' });
  expect(await call('report.trend', { patientId: other, itemCode: 'WBC' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'itemCode' });
  expect(await call('visit.list', { patientId: 'P99999999' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'patientId' });
  expect(await call('visit.get', { patientId: child, visitId: '../etc' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'visitId' });
  expect(await call('report.get', { patientId: child })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'reportId' });

  // A new visit's reports stay pending until paid.
  await sandboxControl(running.sandbox.url, '/sandbox/visits', { patientId: child });
  const pending = ((await call('report.list', { patientId: child })).data as { reports: ReportSummary[] }).reports.find((r) => r.status === 'pending');
  if (pending !== undefined) {
    expect(pending.reportedAt).toBeNull();
    expect(await call('report.get', { patientId: child, reportId: pending.reportId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'reportId', message: '报告尚未出具，请出具后再查看' });
  }
});
