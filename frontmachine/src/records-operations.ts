/**
 * Records and reports operations (issue 13): clinical, so live and never cached; the patient goes
 * with every lookup.
 */
import { validate } from '../../miniprogram/core/validate';
import { ID, PATIENT_ID, type OperationRows } from './operation';

/** A lab item code as LIS systems write them (WBC, NEUT%, NEUT#, U-PH). */
export const LAB_ITEM_CODE = /^[A-Za-z0-9%#_-]{1,20}$/;

export function recordsOperations(): OperationRows<'visit.list' | 'visit.get' | 'report.list' | 'report.get' | 'report.trend'> {
  return {
    'visit.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ visits: await hospital.visits(patientId) }),
    },
    'visit.get': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, visitId: ID('就诊记录编号') }, input),
      handle: ({ patientId, visitId }, { hospital }) => hospital.visit(patientId, visitId),
    },
    'report.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ reports: await hospital.reports(patientId) }),
    },
    'report.get': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, reportId: ID('报告单号') }, input),
      handle: ({ patientId, reportId }, { hospital }) => hospital.report(patientId, reportId),
    },
    'report.trend': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, itemCode: { type: 'string', label: '检验项目', required: true, pattern: LAB_ITEM_CODE } }, input),
      handle: ({ patientId, itemCode }, { hospital }) => hospital.labTrend(patientId, itemCode),
    },
  };
}
