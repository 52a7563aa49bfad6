/**
 * Records and reports through every layer: a guardian's child has a visit whose bills are paid in
 * WeChat → the lab and imaging finish → the visit, its prescriptions and the reports are readable
 * through the local cloud's `api` → front machine → HSB XML → sandbox hospital. Another account,
 * or the guardian's own other patient, gets FORBIDDEN or NOT_FOUND for every id; a pending report
 * and ill-shaped ids get clear answers; afterwards nothing clinical the hospital holds is found in
 * the cloud database or the front machine's store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LabTrend, ReportDetail, ReportListResponse, VisitDetail, VisitListResponse } from '../../typings/records';
import { cloudClient } from '../../scripts/cloud-client';
import { startStack, type RunningStack } from '../../scripts/stack';
import { data, post } from '../support/journey';
import { bindPatient, idCard, paidVisit, refusal } from './support';

// 2026-11-26 10:00 in Shanghai (02:00Z).
const NOW = '2026-11-26T02:00:00.000Z';
const PARENT = { name: '陈建国', idCardNo: idCard('19860214', 571), phone: '13812345678', relation: '本人' };
const CHILD = { name: '陈小雨', idCardNo: idCard('20200708', 582), phone: '13812345678', relation: '子女', guardian: { name: PARENT.name, idCardNo: PARENT.idCardNo } };
const STRANGER = { name: '林海', idCardNo: idCard('19900101', 613), phone: '13912345678', relation: '本人' };

let dir: string;
let stack: RunningStack;
const files = { hospital: '', frontMachine: '', cloud: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'records-journey-'));
  files.hospital = join(dir, 'hospital.db');
  files.frontMachine = join(dir, 'frontmachine.db');
  files.cloud = join(dir, 'cloud.db');
  stack = await startStack({ hospitalPort: 0, frontMachinePort: 0, cloudPort: 0, quiet: true, now: NOW, seed: 13, hospitalDb: files.hospital, frontMachineStore: files.frontMachine, cloudDb: files.cloud });
  // The hospital's and the cloud's clocks stand still, so report times are exact.
  expect(await post(`${stack.cloudUrl}/sandbox/clock`, { now: NOW, freeze: true })).toMatchObject({ status: 200 });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const guardian = (action: Parameters<ReturnType<typeof cloudClient>>[0], body: unknown) => cloudClient(stack.cloudUrl, 'records-guardian')(action, body as never);
const stranger = (action: Parameters<ReturnType<typeof cloudClient>>[0], body: unknown) => cloudClient(stack.cloudUrl, 'records-stranger')(action, body as never);

test('visit → paid bills → reports finished → visit, prescriptions and reports readable; every other caller refused; nothing clinical kept in the cloud', async () => {
  const child = await bindPatient(guardian, CHILD, stack.hospitalUrl);
  const self = await bindPatient(guardian, PARENT, stack.hospitalUrl);
  const theirs = await bindPatient(stranger, STRANGER, stack.hospitalUrl);

  // Visits until one ordered a lab, each paid in WeChat and confirmed; then the lab and imaging finish.
  let visitId = '';
  let finished: { reportId: string; kind: string }[] = [];
  for (let i = 0; i < 8 && !finished.some((r) => r.kind === 'lab'); i++) {
    visitId = await paidVisit(stack, guardian, child);
    const done = await post(`${stack.hospitalUrl}/sandbox/reports/finish`, { patientId: child });
    expect(done.status).toBe(200);
    finished = [...finished, ...(done.json.reports as { reportId: string; kind: string }[])];
  }
  const lab = finished.find((r) => r.kind === 'lab');
  if (lab === undefined) throw new Error('no lab ordered in 8 visits');

  // 就诊记录: the visits, then one visit's record and prescriptions.
  const visits = data<VisitListResponse>(await guardian('visit.list', { patientId: child })).visits;
  expect(visits.length).toBeGreaterThanOrEqual(1);
  expect(visits[0]).toMatchObject({ visitId, visitDate: '2026-11-26', deptName: expect.any(String), doctorName: expect.any(String), diagnosis: expect.any(String) });
  const detail = data<VisitDetail>(await guardian('visit.get', { patientId: child, visitId }));
  expect(detail.visit).toEqual(visits[0]);
  expect(detail.record).toMatchObject({ chiefComplaint: expect.any(String), presentIllness: expect.any(String), physicalExam: expect.any(String), advice: expect.any(String) });
  expect(detail.record.diagnoses[0]).toBe(visits[0]?.diagnosis);

  // 报告查询: every finished report listed as finished; the lab report's items with flags; the trend.
  const reports = data<ReportListResponse>(await guardian('report.list', { patientId: child })).reports;
  for (const f of finished) expect(reports.find((r) => r.reportId === f.reportId)).toMatchObject({ kind: f.kind, status: 'finished', reportedAt: '2026-11-26T02:00:00.000Z' });
  const report = data<ReportDetail>(await guardian('report.get', { patientId: child, reportId: lab.reportId }));
  if (report.content.kind !== 'lab') throw new Error('expected a lab report');
  expect(report.content.results.length).toBeGreaterThan(0);
  const numeric = report.content.results.find((r) => r.numeric);
  if (numeric !== undefined) {
    const trend = data<LabTrend>(await guardian('report.trend', { patientId: child, itemCode: numeric.itemCode }));
    expect(trend.points.map((p) => p.reportId)).toContain(lab.reportId);
  }

  // A visit not yet paid: its reports are pending, and reading one says so.
  await post(`${stack.hospitalUrl}/sandbox/visits`, { patientId: child });
  const pending = data<ReportListResponse>(await guardian('report.list', { patientId: child })).reports.find((r) => r.status === 'pending');
  if (pending !== undefined) {
    expect(await guardian('report.get', { patientId: child, reportId: pending.reportId })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'reportId', message: expect.stringContaining('尚未出具') });
  }

  // Every id, asked by another account (its patient or the child's) or by the guardian's other patient.
  const asks = [
    ['visit.get', { visitId }],
    ['report.get', { reportId: lab.reportId }],
    ['report.trend', { itemCode: numeric?.itemCode ?? 'WBC' }],
  ] as const;
  for (const action of ['visit.list', 'report.list'] as const) {
    expect(refusal(await stranger(action, { patientId: child }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
  }
  for (const [action, ids] of asks) {
    expect(refusal(await stranger(action, { patientId: child, ...ids }))).toEqual({ code: 'FORBIDDEN', field: 'patientId' });
    expect(refusal(await stranger(action, { patientId: theirs, ...ids }))).toEqual({ code: 'NOT_FOUND', field: Object.keys(ids)[0] });
    expect(refusal(await guardian(action, { patientId: self, ...ids }))).toEqual({ code: 'NOT_FOUND', field: Object.keys(ids)[0] });
  }
  expect(data<VisitListResponse>(await stranger('visit.list', { patientId: theirs })).visits).toEqual([]);

  // Ill-shaped ids: INVALID_INPUT naming the field, in Chinese; never INTERNAL.
  expect(await guardian('visit.get', { patientId: child, visitId: '../MZ1' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'visitId', message: '就诊记录编号格式不正确' });
  expect(await guardian('report.get', { patientId: child, reportId: '' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'reportId' });
  expect(await guardian('report.get', { patientId: child })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'reportId' });
  expect(await guardian('report.trend', { patientId: child, itemCode: 'WBC; DROP' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'itemCode' });
  expect(await guardian('report.get', { patientId: child, reportId: 'JY99999999' })).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'reportId' });

  // Privacy, measured: every clinical string the hospital holds, searched for in what the cloud and the front machine keep.
  const hospital = new Database(files.hospital, { readonly: true });
  const clinical = new Set<string>();
  const add = (values: unknown[]) => values.forEach((v) => typeof v === 'string' && v.length >= 2 && clinical.add(v));
  add(hospital.prepare('SELECT chief_complaint FROM visit_records UNION SELECT present_illness FROM visit_records UNION SELECT physical_exam FROM visit_records UNION SELECT advice FROM visit_records').pluck().all());
  for (const json of hospital.prepare('SELECT diagnoses FROM visit_records').pluck().all() as string[]) add(JSON.parse(json) as string[]);
  add(hospital.prepare('SELECT drug_name FROM prescription_items UNION SELECT dose FROM prescription_items').pluck().all());
  add(hospital.prepare('SELECT findings FROM reports UNION SELECT conclusion FROM reports UNION SELECT diagnosis FROM reports UNION SELECT microscopic FROM reports').pluck().all());
  add(hospital.prepare("SELECT item_name FROM report_results UNION SELECT value FROM report_results WHERE value GLOB '*[^0-9]*' OR length(value) >= 4").pluck().all());
  add(hospital.prepare('SELECT item_name FROM bill_items').pluck().all());
  hospital.close();
  expect(clinical.size).toBeGreaterThan(10);

  for (const file of [files.cloud, files.frontMachine]) {
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const stored: string[] = [];
    for (const t of tables) for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) stored.push(JSON.stringify(row));
    db.close();
    const text = stored.join('\n');
    expect(text.length).toBeGreaterThan(0);
    const found = [...clinical].filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));
    expect({ file: file.replace(dir, ''), found }).toEqual({ file: file.replace(dir, ''), found: [] });
  }
}, 60_000);
