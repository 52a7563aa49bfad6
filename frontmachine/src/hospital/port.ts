/**
 * The hospital as the front machine's operations see it, in the domain's words. One adapter speaks
 * HSB XML (src/hsb/); the cache decorates any implementation. Failures are thrown as `AppError`
 * (NOT_FOUND with the field at fault, INVALID_INPUT, RULE_VIOLATION, HOSPITAL_UNAVAILABLE).
 */
import type { OperationRequest, OperationResponse } from '../../../typings/frontmachine';
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from '../../../typings/hospital';

/** Sessions of a department (with its sub-specialties) or of one doctor, dates inclusive. */
export type ScheduleQuery = ({ deptId: string; doctorId?: undefined } | { doctorId: string; deptId?: undefined }) & {
  from: HospitalDate;
  to: HospitalDate;
};

/** Who to find or create at the hospital: real name, ID number (normalised), mobile, a minor's guardian. */
export type PatientRegistration = OperationRequest<'patient.register'>;
/** The hospital patient found or created. */
export type RegisteredPatient = OperationResponse<'patient.register'>;
/** A hospital card, its owner and state (verified, unverified, cancelled). */
export type HospitalCard = OperationResponse<'card.get'>;
/** A short-lived check-in code signed by the hospital; `expiresAt` an ISO instant. */
export type PatientQrCode = OperationResponse<'patient.qrcode'>;

export interface Hospital {
  hospitalInfo(): Promise<HospitalInfo>;
  /** Every department, flat; top-level ones have `parentId` null. */
  departments(): Promise<Department[]>;
  /** Doctors of a department and its sub-specialties; NOT_FOUND (field deptId) for an unknown one. */
  doctors(deptId: string): Promise<DoctorSummary[]>;
  /** NOT_FOUND (field doctorId) for an unknown doctor. */
  doctor(doctorId: string): Promise<Doctor>;
  schedules(query: ScheduleQuery): Promise<Schedule[]>;
  /**
   * Finds the patient with this ID number or creates one (idempotent by ID number). Another name on
   * record → RULE_VIOLATION (field name); a refused field (a minor without guardian …) → INVALID_INPUT.
   */
  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient>;
  /** NOT_FOUND (field cardNo) for an unknown card. */
  card(cardNo: string): Promise<HospitalCard>;
  /** NOT_FOUND (field patientId) for an unknown patient. */
  patientQrCode(patientId: string): Promise<PatientQrCode>;
}
