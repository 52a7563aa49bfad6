/**
 * The ward's controls (住院处): `POST /sandbox/admissions {patientId, deposit?}` admits a patient,
 * `POST /sandbox/admissions/<admissionNo>/discharge {settle?}` discharges and settles, and
 * `GET /sandbox/admissions/<admissionNo>` shows the stay as the ward sees it (with its low-balance notices).
 */
import type { FastifyInstance } from 'fastify';
import { readAdmissionInput, readDischargeInput } from './controls';
import type { Hospital } from './hospital';
import type { StayRow } from './inpatient';
import { DEFAULT_ADMISSION_DEPOSIT_FEN, StayStatus, accrueStays, admitPatient, dischargeStay, findStay, lowBalanceNotices, lowBalanceThreshold } from './inpatient';

const STATUS_NAMES = { [StayStatus.IN_HOSPITAL]: 'in-hospital', [StayStatus.SETTLING]: 'settling', [StayStatus.DISCHARGED]: 'discharged' } as const;

/** A stay as the controls answer it (fen, Shanghai wall times). */
function stayView(s: StayRow) {
  return {
    stayId: s.stayNo,
    admissionNo: s.admissionNo,
    patientId: s.patientId,
    ward: s.wardName,
    bedNo: s.bedNo,
    status: STATUS_NAMES[s.status],
    admittedAt: s.admittedAt,
    dischargedAt: s.dischargedAt,
    settledAt: s.settledAt,
    deposits: s.deposits,
    charges: s.charges,
    balance: s.balance,
    settlement: s.settlement,
  };
}

export function registerInpatientControls(app: FastifyInstance, hospital: Hospital): void {
  app.post('/sandbox/admissions', async (request, reply) => {
    const input = readAdmissionInput(request.body, DEFAULT_ADMISSION_DEPOSIT_FEN);
    if (!input.ok) return reply.code(400).send({ message: input.message, field: input.field });
    const admitted = admitPatient(hospital.db, hospital.seed, input.value.patientId, input.value.deposit, hospital.clock.now());
    if (!admitted.ok && admitted.reason === 'unknown_patient') return reply.code(404).send({ message: '患者不存在', field: 'patientId' });
    if (!admitted.ok) return reply.code(409).send({ message: '该患者正在住院中，请先办理出院', field: 'patientId' });
    return admitted.admission;
  });

  app.get<{ Params: { admissionNo: string } }>('/sandbox/admissions/:admissionNo', async (request, reply) => {
    const found = findStay(hospital.db, { admissionNo: request.params.admissionNo });
    if (found === undefined) return reply.code(404).send({ message: '住院记录不存在', field: 'admissionNo' });
    accrueStays(hospital.db, hospital.seed, hospital.clock.now(), { stayNo: found.stayNo });
    const stay = findStay(hospital.db, { stayNo: found.stayNo }) as StayRow;
    return { ...stayView(stay), lowBalanceThreshold: lowBalanceThreshold(hospital.db), lowBalanceNotices: lowBalanceNotices(hospital.db, stay.stayNo) };
  });

  app.post<{ Params: { admissionNo: string } }>('/sandbox/admissions/:admissionNo/discharge', async (request, reply) => {
    const input = readDischargeInput(request.body);
    if (!input.ok) return reply.code(400).send({ message: input.message, field: input.field });
    const done = dischargeStay(hospital.db, hospital.seed, request.params.admissionNo, input.value.settle, hospital.clock.now());
    if (!done.ok && done.reason === 'not_found') return reply.code(404).send({ message: '住院记录不存在', field: 'admissionNo' });
    if (!done.ok) return reply.code(409).send({ message: '该住院已出院结算', field: 'admissionNo' });
    return stayView(done.stay);
  });
}
