/**
 * Records and reports of the sandbox hospital: a finished visit writes its record, prescription and
 * report orders; only paid orders are finished; values fall outside their ranges now and then; every
 * service answers another patient's visit or report as if it did not exist; the finish control.
 */
import type { HsbLabResult, QueryReportResponse } from '../../typings/hsb-records';
import { hospitalInstant } from '../../miniprogram/core/time';
import { BillStatus, confirmPayment, createVisit, type CreatedVisit } from './billing';
import { chargeItemsData } from './data';
import { createHospital, type Hospital } from './hospital';
import { finishReports } from './report-finishing';
import { examsData, labPanelsData, prescribingData } from './records-data';
import { REPORT_NOT_FOUND, REPORT_PENDING, VISIT_NOT_FOUND } from './services/records';
import { startHospital } from './server';
import { callHsb, patient } from './testing';

const T0 = hospitalInstant('2026-11-26 09:30:00');

let hospital: Hospital;
let child: string;
let other: string;
let trade = 0;

beforeEach(async () => {
  hospital = createHospital({ now: T0, seed: 20221 });
  hospital.clock.freeze();
  child = await patient(hospital, 1);
  other = await patient(hospital, 2);
});
afterEach(() => hospital.close());

function visit(patientId = child): CreatedVisit {
  const created = createVisit(hospital.db, hospital.seed, patientId, hospital.clock.now());
  if (!created.ok) throw new Error('visit refused');
  return created.visit;
}

/** Pays bills at the hospital as a confirmed WeChat payment would. */
function pay(patientId: string, bills: { billId: string; amount: number }[]): void {
  const tradeNo = `RT${String(++trade).padStart(8, '0')}`;
  const outcome = confirmPayment(hospital.db, {
    patientId,
    billNos: bills.map((b) => b.billId),
    totalFee: bills.reduce((s, b) => s + b.amount, 0),
    tradeNo,
    transactionId: `4200${tradeNo}`,
    payTime: '2026-11-26 09:40:00',
  });
  if (!outcome.ok) throw new Error(outcome.message);
}

function billItems(visitNo: string, billType: number): string[] {
  return hospital.db
    .prepare('SELECT i.item_name FROM bills b JOIN bill_items i ON i.bill_no = b.bill_no WHERE b.visit_no = ? AND b.bill_type = ? ORDER BY b.seq, i.seq')
    .pluck()
    .all(visitNo, billType) as string[];
}

/** A visit that ordered at least one lab and one drug (drawn until one does). */
function visitWithLabAndDrug(): CreatedVisit {
  for (let i = 0; i < 40; i++) {
    const v = visit();
    if (billItems(v.visitId, 3).length > 0 && billItems(v.visitId, 1).length > 0) return v;
  }
  throw new Error('no visit ordered a lab and a drug in 40 draws');
}

test('a finished visit writes its record, a dosed prescription of its drugs and a pending report per lab and exam ordered', async () => {
  const v = visitWithLabAndDrug();

  const visits = (await callHsb(hospital, 'QueryVisits', { PatientId: child })).Body.Visits.Visit;
  expect(visits[0]).toMatchObject({ VisitNo: v.visitId, VisitDate: '2026-11-26', Diagnosis: expect.any(String) });
  const record = (await callHsb(hospital, 'QueryVisitRecord', { PatientId: child, VisitNo: v.visitId })).Body.Record;
  expect(record.ChiefComplaint).not.toMatch(/\{[dt]\}/);
  expect(record.PresentIllness.length).toBeGreaterThan(10);
  expect(record.Diagnoses.Diagnosis[0]).toBe(visits[0]?.Diagnosis);
  expect(record.Advice.length).toBeGreaterThan(5);

  const prescriptions = (await callHsb(hospital, 'QueryPrescriptions', { PatientId: child, VisitNo: v.visitId })).Body.Prescriptions.Prescription;
  const drugs = prescriptions.flatMap((p) => p.Drugs.Drug);
  expect(drugs.map((d) => d.DrugName)).toEqual(billItems(v.visitId, 1));
  for (const d of drugs) {
    const how = prescribingData[d.DrugName];
    expect(d).toMatchObject({ Route: how?.route, Frequency: how?.frequency, Days: String(how?.days) });
    expect(how?.doses.map((b) => b.dose)).toContain(d.Dose);
  }

  const reports = (await callHsb(hospital, 'QueryReports', { PatientId: child })).Body.Reports.Report;
  const ordered = [...billItems(v.visitId, 3), ...billItems(v.visitId, 2)];
  expect(reports.map((r) => r.ReportTitle).sort()).toEqual(ordered.sort());
  expect(reports.every((r) => r.Status === '0' && r.ReportTime === '')).toBe(true);
  expect(reports.filter((r) => r.ReportType === 'L').map((r) => r.ReportNo)).toEqual(expect.arrayContaining([expect.stringMatching(/^JY\d{8}$/)]));
});

test('only paid orders are finished; a pending report answers 2001 and a finished lab report has consistent flags', async () => {
  const v = visitWithLabAndDrug();
  expect(finishReports(hospital.db, hospital.seed, child, hospital.clock.now())).toEqual({ ok: true, reports: [] });

  const labBill = hospital.db.prepare('SELECT bill_no AS billId, total_fee AS amount FROM bills WHERE visit_no = ? AND bill_type = 3').get(v.visitId) as { billId: string; amount: number };
  pay(child, [labBill]);
  hospital.clock.set(T0 + 3 * 3600_000, true);
  const finished = finishReports(hospital.db, hospital.seed, child, hospital.clock.now());
  if (!finished.ok) throw new Error('refused');
  expect(finished.reports.length).toBe(billItems(v.visitId, 3).length);
  expect(finished.reports.every((r) => r.kind === 'lab')).toBe(true);
  // Finishing again finds nothing more.
  expect(finishReports(hospital.db, hospital.seed, child, hospital.clock.now())).toEqual({ ok: true, reports: [] });

  for (const { reportId } of finished.reports) {
    const env = await callHsb(hospital, 'QueryReport', { PatientId: child, ReportNo: reportId });
    expect(env.Header.ResultCode).toBe('0');
    const report = env.Body.Report;
    expect(report).toMatchObject({ Status: '1', ReportTime: '2026-11-26 12:30:00', ReportType: 'L' });
    const panel = labPanelsData[report.ReportTitle];
    expect(report.Results?.Result.map((r) => r.ItemCode)).toEqual(panel?.items.map((i) => i.code));
    for (const r of report.Results?.Result ?? []) expectConsistent(r);
  }

  const unpaid = (await callHsb(hospital, 'QueryReports', { PatientId: child })).Body.Reports.Report.find((r) => r.Status === '0');
  if (unpaid !== undefined) {
    const env = await callHsb(hospital, 'QueryReport', { PatientId: child, ReportNo: unpaid.ReportNo });
    expect(env.Header).toMatchObject({ ResultCode: '2001', ResultMessage: REPORT_PENDING });
  }
});

/** A numeric value's flag agrees with its printed range; a qualitative one is normal exactly when it reads as the range. */
function expectConsistent(r: HsbLabResult): void {
  if (r.Numeric === '1') {
    const [low, high] = r.RefRange.split('-').map(Number) as [number, number];
    const value = Number(r.Value);
    expect(r.Flag).toBe(value > high ? 'H' : value < low ? 'L' : 'N');
  } else {
    expect(r.Flag).toBe(r.Value === r.RefRange ? 'N' : 'A');
  }
}

test('over many paid visits values fall outside their ranges now and then, critical values sometimes, and pathology is reported', async () => {
  for (let i = 0; i < 80; i++) {
    const v = visit();
    pay(child, v.bills);
  }
  const finished = finishReports(hospital.db, hospital.seed, child, hospital.clock.now());
  if (!finished.ok) throw new Error('refused');
  const kinds = new Set(finished.reports.map((r) => r.kind));
  expect(kinds).toEqual(new Set(['lab', 'exam', 'pathology']));

  const results = hospital.db.prepare('SELECT flag, critical FROM report_results').all() as { flag: string; critical: number }[];
  const share = (flag: string) => results.filter((r) => r.flag === flag).length / results.length;
  expect(share('N')).toBeGreaterThan(0.6);
  expect(share('H')).toBeGreaterThan(0.03);
  expect(share('L')).toBeGreaterThan(0.005);
  expect(share('A')).toBeGreaterThan(0.005);
  expect(results.some((r) => r.critical === 1)).toBe(true);

  const exams = hospital.db.prepare("SELECT title, conclusion FROM reports WHERE kind = 'exam'").all() as { title: string; conclusion: string }[];
  expect(exams.some((e) => e.conclusion !== examsData[e.title]?.normal.conclusion)).toBe(true);
  expect(exams.some((e) => e.conclusion === examsData[e.title]?.normal.conclusion)).toBe(true);

  const pathology = finished.reports.find((r) => r.kind === 'pathology');
  const env = await callHsb(hospital, 'QueryReport', { PatientId: child, ReportNo: pathology?.reportId ?? '' });
  const body = env.Body as QueryReportResponse;
  expect(body.Report).toMatchObject({ ReportType: 'P', Specimen: '体表肿物切除标本', Pathology: { Diagnosis: expect.stringMatching(/^（体表肿物）/) } });
  expect(body.Report.Pathology?.Gross).not.toContain('{size}');
  expect(chargeItemsData.treatments.map((t) => t.name)).toContain('体表肿物切除术');
});

test('a lab item’s trend lists its values across the patient’s finished reports, oldest first', async () => {
  let bloodCounts = 0;
  for (let i = 0; bloodCounts < 2 && i < 60; i++) {
    const v = visit();
    if (!billItems(v.visitId, 3).includes('血常规')) continue;
    pay(child, v.bills);
    hospital.clock.set(T0 + (i + 1) * 86400_000, true);
    expect(finishReports(hospital.db, hospital.seed, child, hospital.clock.now()).ok).toBe(true);
    bloodCounts++;
  }
  const env = await callHsb(hospital, 'QueryLabTrend', { PatientId: child, ItemCode: 'WBC' });
  expect(env.Body.Trend).toMatchObject({ ItemCode: 'WBC', ItemName: '白细胞计数', Unit: '×10^9/L', RefLow: '4.3', RefHigh: '11.3' });
  const points = env.Body.Points.Point;
  expect(points.length).toBe(2);
  expect([...points].sort((a, b) => a.ReportTime.localeCompare(b.ReportTime))).toEqual(points);
  // Another patient has no such history: the same "nothing" as an item never measured.
  expect((await callHsb(hospital, 'QueryLabTrend', { PatientId: other, ItemCode: 'WBC' })).Header.ResultCode).toBe('1001');
});

test('another patient’s visit or report answers 1001 exactly like one that does not exist', async () => {
  const v = visitWithLabAndDrug();
  pay(child, v.bills);
  const done = finishReports(hospital.db, hospital.seed, child, hospital.clock.now());
  if (!done.ok) throw new Error('refused');
  const reportNo = done.reports[0]?.reportId ?? '';

  for (const [service, body, message] of [
    ['QueryVisitRecord', { VisitNo: v.visitId }, VISIT_NOT_FOUND],
    ['QueryPrescriptions', { VisitNo: v.visitId }, VISIT_NOT_FOUND],
    ['QueryReport', { ReportNo: reportNo }, REPORT_NOT_FOUND],
  ] as const) {
    const theirs = await callHsb(hospital, service, { PatientId: other, ...body });
    const none = await callHsb(hospital, service, { PatientId: child, ...Object.fromEntries(Object.entries(body).map(([k]) => [k, 'MZ99999999'])) });
    expect(theirs.Header).toMatchObject({ ResultCode: '1001', ResultMessage: message });
    expect(none.Header).toMatchObject({ ResultCode: '1001', ResultMessage: message });
    expect(theirs.Body).toEqual(none.Body);
  }
  expect((await callHsb(hospital, 'QueryVisits', { PatientId: other })).Body.Visits).toBe('');
  expect((await callHsb(hospital, 'QueryReport', { PatientId: child, ReportNo: '../x' })).Header.ResultCode).toBe('1002');
  expect((await callHsb(hospital, 'QueryReports', { PatientId: 'P99999999' })).Header.ResultCode).toBe('1001');
});

test('POST /sandbox/reports/finish finishes the patient’s paid orders; bad input and unknown patients are refused', async () => {
  const running = await startHospital({ port: 0, now: T0 });
  try {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const pid = await patient(running.hospital, 7);
    let reports: unknown[] = [];
    for (let i = 0; reports.length === 0 && i < 20; i++) {
      const v = (await post('/sandbox/visits', { patientId: pid })).json as unknown as CreatedVisit;
      const bills = running.hospital.db.prepare('SELECT bill_no AS billId, total_fee AS amount FROM bills WHERE visit_no = ? AND status = ?').all(v.visitId, BillStatus.PENDING) as { billId: string; amount: number }[];
      confirmPayment(running.hospital.db, { patientId: pid, billNos: bills.map((b) => b.billId), totalFee: bills.reduce((s, b) => s + b.amount, 0), tradeNo: `HT${i}000000`, transactionId: `4200HT${i}`, payTime: '2026-11-26 09:40:00' });
      const finished = await post('/sandbox/reports/finish', { patientId: pid });
      expect(finished.status).toBe(200);
      reports = finished.json.reports as unknown[];
    }
    expect(reports[0]).toEqual({ reportId: expect.stringMatching(/^(JY|JC|BL)\d{8}$/), kind: expect.stringMatching(/^(lab|exam|pathology)$/) });
    expect(await post('/sandbox/reports/finish', { patientId: 'P99999999' })).toMatchObject({ status: 404, json: { field: 'patientId' } });
    expect(await post('/sandbox/reports/finish', { patientId: '' })).toMatchObject({ status: 400, json: { field: 'patientId' } });
    expect(await post('/sandbox/reports/finish', { patientId: pid, kind: 'lab' })).toMatchObject({ status: 400, json: { field: 'kind' } });
  } finally {
    await running.close();
  }
});
