/**
 * The front machine's signed JSON API (ARCHITECTURE §3), called by the cloud functions.
 *
 * `POST {FRONT_MACHINE_URL}/v1/<operation>` with a JSON body; answers `Result<response>` as JSON.
 * Every path but `GET /health` is authenticated before routing (see frontmachine/protocol).
 * Refusals of authentication answer HTTP 401 `{ok: false, code: 'UNAUTHENTICATED', message, reason}`.
 * Writes carry an `Idempotency-Key` header; a retried write returns the first answer.
 */
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from './hospital';

/** Header names of the signature scheme. */
export const FM_HEADERS = {
  timestamp: 'x-fm-timestamp',
  nonce: 'x-fm-nonce',
  signature: 'x-fm-signature',
  idempotencyKey: 'idempotency-key',
} as const;

/** Why the front machine refused a request's authentication. */
export type AuthRefusal = 'unsigned' | 'bad_signature' | 'stale_timestamp' | 'replayed_nonce';

export interface FrontMachineOperations {
  'hospital.info': { request: Record<string, never>; response: HospitalInfo };
  /** All departments, flat (the cloud groups them). */
  'dept.list': { request: Record<string, never>; response: { departments: Department[] } };
  /** Doctors of a department and its sub-specialties. NOT_FOUND for an unknown department. */
  'doctor.list': { request: { deptId: string }; response: { doctors: DoctorSummary[] } };
  /** NOT_FOUND for an unknown doctor. */
  'doctor.get': { request: { doctorId: string }; response: Doctor };
  /** Sessions of a department (with sub-specialties) or a doctor, inclusive dates. */
  'schedule.list': {
    request: { deptId?: string; doctorId?: string; from: HospitalDate; to: HospitalDate };
    response: { schedules: Schedule[] };
  };
  /** Find or create the hospital patient (real-name). WRITE: needs Idempotency-Key. */
  'patient.register': {
    request: { name: string; idCardNo: string; phone: string; guardian?: { name: string; idCardNo: string } };
    response: { patientId: string; sex: 'M' | 'F'; birthDate: HospitalDate; isNew: boolean; hasGuardian: boolean };
  };
  /** A hospital card's owner and state; NOT_FOUND (field cardNo) for an unknown card. */
  'card.get': {
    request: { cardNo: string };
    response: { cardNo: string; patientId: string; state: 'verified' | 'unverified' | 'cancelled' };
  };
  /** A short-lived signed check-in code issued by the hospital; NOT_FOUND for an unknown patient. */
  'patient.qrcode': {
    request: { patientId: string };
    response: { code: string; expiresAt: string };
  };
}
export type OperationName = keyof FrontMachineOperations;
export type OperationRequest<O extends OperationName> = FrontMachineOperations[O]['request'];
export type OperationResponse<O extends OperationName> = FrontMachineOperations[O]['response'];
