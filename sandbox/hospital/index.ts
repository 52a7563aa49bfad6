/** The sandbox hospital: HSB XML over HTTP, backed by a seeded SQLite database. */
export { startHospital, buildServer, DEFAULT_PORT, DEFAULT_HOST } from './server';
export type { HospitalOptions, RunningHospital } from './server';
export { createHospital, DEFAULT_SEED } from './hospital';
export type { Hospital, HospitalCoreOptions, HsbAnswer } from './hospital';
export { HospitalClock, parseInstant } from './clock';
export type { ClockSnapshot } from './clock';
export type { FaultMode, FaultRule, FaultSetting } from './faults';
export { SERVICES } from './services';
export type { ServiceTable } from './services';
export { HSB_LIST_ELEMENTS, buildRequest, parseEnvelope, fenToYuan } from './xml';
export { PatientQrCodes, QR_LIFETIME_SECONDS, DEV_QR_KEY } from './qrcode';
export type { IssuedQrCode, QrVerdict } from './qrcode';
export { NAME_MISMATCH_MESSAGE, cancelCard, findOrCreatePatient, issueCard, verifyCard } from './patients';
export type { CardRow, PatientRow } from './patients';
export {
  AMOUNT_MISMATCH_MESSAGE,
  BILL_CHANGED_MESSAGE,
  BillStatus,
  confirmPayment,
  createVisit,
  forgetPayment,
  recordPhantomPayment,
  voidBill,
} from './billing';
export type { BillRow, ConfirmationOutcome, CreatedVisit, PaymentConfirmation, PaymentRow } from './billing';
export {
  AppointmentStatus,
  MAX_HOLD_MINUTES,
  MESSAGES as BOOKING_MESSAGES,
  RegistrationStatus,
  TAKE_NUMBER_OPENS_AT,
  bookAppointment,
  callNext,
  cancelAppointment,
  checkIn,
  confirmRegistration,
  holdSlot,
  queuePosition,
  refundRegistration,
  settle,
  takeNumberWindow,
} from './booking';
export type { AppointmentRow, RegistrationRow, SlotRow } from './booking';
// Records and reports (issue 13): finishReports is where reports become ready.
export { recordVisit } from './records';
export { finishReports } from './report-finishing';
export type { OrderedReport, ReportKind } from './records';
export type { FinishOutcome } from './report-finishing';
