/**
 * HSB (hospital service bus) messages: the XML the front machine's adapter exchanges with the
 * hospital (the sandbox implements them). Types describe the parsed XML (fast-xml-parser objects,
 * every leaf a string, repeated elements always arrays). Only the adapter and the sandbox use them.
 *
 * Transport: `POST {HSB_URL}/hsb`, `Content-Type: application/xml; charset=utf-8`, one envelope in,
 * one envelope out (HTTP 200 even for business errors; the header's ResultCode tells).
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Message>
 *   <Header>
 *     <ServiceName>QueryDoctors</ServiceName>
 *     <MessageId>3f2a…</MessageId>               request's id, echoed in the response
 *     <SendTime>2026-11-26 09:30:00</SendTime>   Asia/Shanghai wall time
 *     <SourceSystem>FRONT</SourceSystem>         FRONT on requests, HSB on responses
 *     <ResultCode>0</ResultCode>                 responses only, see HsbResultCode
 *     <ResultMessage>成功</ResultMessage>         responses only
 *   </Header>
 *   <Body>…</Body>
 * </Message>
 */

import type { HsbRecordsServices } from './hsb-records';
import type { HsbAfterVisitServices } from './hsb-services';

/** HSB result codes. */
export const HsbResultCode = {
  OK: '0',
  NOT_FOUND: '1001',
  INVALID_PARAMETER: '1002',
  BUSINESS_RULE: '2001',
  /** The slot is no longer free: another patient took it first. */
  SLOT_TAKEN: '2002',
  /** A per-patient limit (active appointments) is reached. */
  LIMIT_REACHED: '2003',
  SYSTEM_ERROR: '9999',
} as const;
export type HsbResultCode = (typeof HsbResultCode)[keyof typeof HsbResultCode];

export interface HsbHeader {
  ServiceName: string;
  MessageId: string;
  SendTime: string;
  SourceSystem: 'FRONT' | 'HSB';
  ResultCode?: string;
  ResultMessage?: string;
}

export interface HsbEnvelope<B = unknown> {
  Header: HsbHeader;
  Body: B;
}

/** Money on the HSB is yuan with two decimals ("25.00"); the adapter converts to fen. */
export type HsbYuan = string;

// ---- GetHospitalInfo -------------------------------------------------------------------------
export type GetHospitalInfoRequest = Record<string, never>;
export interface GetHospitalInfoResponse {
  Hospital: {
    HospitalName: string;
    Level: string;
    Address: string;
    Phone: string;
    Intro: string;
    Hours: string;
    Traffic: string;
    /** The hospital's booking rules. */
    BookingRules: {
      /** 1: the registration fee is paid when booking (the appointment is held, Status 0, until paid); 0: at take-number. */
      PayAtBooking: '0' | '1';
      MaxActiveAppointments: string;
      HoldMinutes: string;
    };
    /** The notice the hospital wants patients to see first (optional; empty for none). */
    Notice?: string;
    /** GCJ-02 degrees as decimal strings (optional; both or neither). */
    Latitude?: string;
    Longitude?: string;
  };
}

// ---- QueryDepartments ------------------------------------------------------------------------
export type QueryDepartmentsRequest = Record<string, never>;
export interface HsbDepartment {
  DeptCode: string;
  DeptName: string;
  /** Empty string for a top-level department. */
  ParentCode: string;
  Intro: string;
  Location: string;
}
export interface QueryDepartmentsResponse {
  Departments: { Department: HsbDepartment[] };
}

// ---- QueryDoctors ----------------------------------------------------------------------------
/** Either DeptCode (doctors of that department and its sub-specialties) or DoctorCode (one). */
export interface QueryDoctorsRequest {
  DeptCode?: string;
  DoctorCode?: string;
}
export interface HsbDoctor {
  DoctorCode: string;
  DoctorName: string;
  /** 主任医师, 副主任医师, 主治医师, 住院医师 */
  Title: string;
  DeptCode: string;
  DeptName: string;
  Specialty: string;
  Intro: string;
  /** 1 male, 2 female (GB/T 2261.1). */
  Gender: '1' | '2';
  RegFee: HsbYuan;
}
export interface QueryDoctorsResponse {
  Doctors: { Doctor: HsbDoctor[] };
}

// ---- QuerySchedules --------------------------------------------------------------------------
/** DeptCode (with its sub-specialties) or DoctorCode; dates inclusive, `YYYY-MM-DD`. */
export interface QuerySchedulesRequest {
  DeptCode?: string;
  DoctorCode?: string;
  BeginDate: string;
  EndDate: string;
}
/** The session fields a schedule, an appointment and a registration all carry. */
export interface HsbSession {
  ScheduleCode: string;
  DoctorName: string;
  Title: string;
  DeptName: string;
  ClinicDate: string;
  /** 1 morning, 2 afternoon. */
  TimeFlag: '1' | '2';
  /** `HH:mm` */
  BeginTime: string;
  EndTime: string;
  RegFee: HsbYuan;
}
export interface HsbSchedule extends HsbSession {
  DoctorCode: string;
  DeptCode: string;
  TotalNum: string;
  RemainNum: string;
  /** 0 open, 1 stopped (停诊). */
  Status: '0' | '1';
}
export interface QuerySchedulesResponse {
  Schedules: { Schedule: HsbSchedule[] };
}

// ---- Identity documents -----------------------------------------------------------------------
/** 01 居民身份证, 02 出生医学证明, 03 港澳居民来往内地通行证, 04 台湾居民来往大陆通行证, 05 护照. */
export type HsbDocType = '01' | '02' | '03' | '04' | '05';

// ---- SendVerificationCode (短信验证码) -----------------------------------------------------------
/**
 * Opens a verification challenge and sends a 6-digit code by SMS. `Purpose` BIND (binding a
 * patient): the code goes to the phone on file when the record matches the typed name, phone and
 * guardian, to the typed `Phone` for a person new to the hospital, and to no phone otherwise (the
 * answer is the same). PHONE: to the typed `Phone` (proving a phone, e.g. a visitor's). `Caller` is
 * an opaque id of who asks (one open challenge per caller and person). Codes live 5 minutes and take
 * 5 tries. 2003 with the time to retry in `RetryTime`'s message: again within 60 s for the same
 * caller and person, or the person's 5 sends per hour. Birth date and sex for documents other than
 * 01; a guardian as RegisterPatient.
 */
export interface SendVerificationCodeRequest {
  Purpose: 'BIND' | 'PHONE';
  Caller: string;
  Phone: string;
  DocType?: HsbDocType;
  IdCardNo?: string;
  PatientName?: string;
  BirthDate?: string;
  /** 1 male, 2 female */
  Sex?: '1' | '2';
  GuardianName?: string;
  GuardianIdCardNo?: string;
}
export interface SendVerificationCodeResponse {
  Challenge: {
    ChallengeNo: string;
    /** The typed phone, masked (138****1234). */
    SentTo: string;
    /** Shanghai wall time. */
    ExpireTime: string;
    /** Shanghai wall time from which the same person may be sent a new code. */
    ResendTime: string;
  };
}

// ---- CheckVerificationCode ----------------------------------------------------------------------
/**
 * Checks a PHONE challenge's code and uses it up (a BIND challenge is checked by RegisterPatient).
 * Any failure — unknown, another caller's, expired, used, out of tries, wrong code, another phone —
 * is one 2001 with one message.
 */
export interface CheckVerificationCodeRequest {
  ChallengeNo: string;
  Caller: string;
  Phone: string;
  VerifyCode: string;
}
export interface CheckVerificationCodeResponse {
  Verified: '1';
}

// ---- RegisterPatient (建档: find or create by real name) ---------------------------------------
/**
 * Checks the BIND challenge's code (`ChallengeNo`, `VerifyCode`, the caller and every detail as
 * sent), then finds the hospital patient with this document, or creates one (`AllowNew` 0 refuses
 * to create: 2003). What is on file is never changed. Every "who exists" failure — wrong, expired or
 * used code, details not as sent, a record that does not match — is one 2001 with one message.
 * Under 14 (or with a birth certificate) GuardianName and GuardianIdCardNo are required (1002
 * without them); the guardian must be 18 or older. `DocType` defaults to 01; birth date and sex
 * are required for the others.
 */
export interface RegisterPatientRequest {
  PatientName: string;
  IdCardNo: string;
  Phone: string;
  GuardianName?: string;
  GuardianIdCardNo?: string;
  DocType?: HsbDocType;
  BirthDate?: string;
  Sex?: '1' | '2';
  Caller: string;
  ChallengeNo: string;
  VerifyCode: string;
  AllowNew?: '0' | '1';
}
export interface RegisterPatientResponse {
  Patient: {
    PatientId: string;
    PatientName: string;
    /** 1 male, 2 female */
    Sex: '1' | '2';
    /** YYYY-MM-DD */
    BirthDate: string;
    /** 1 when this call created the record */
    IsNew: '0' | '1';
    /** 1 when a guardian is on record */
    HasGuardian: '0' | '1';
  };
}

// ---- QueryCard (就诊卡) ----------------------------------------------------------------------
/** Unknown card → 1001. */
export interface QueryCardRequest {
  CardNo: string;
}
export interface QueryCardResponse {
  Card: {
    CardNo: string;
    PatientId: string;
    /** 1 real-name verified, 0 issued but not verified, 2 cancelled/lost */
    CardState: '0' | '1' | '2';
  };
}

// ---- GetPatientQrCode (电子就诊码) -------------------------------------------------------------
/**
 * A short-lived code signed by the hospital (kiosks and clinic check-in verify it). Unknown patient
 * → 1001. Lifetime 5 minutes.
 */
export interface GetPatientQrCodeRequest {
  PatientId: string;
}
export interface GetPatientQrCodeResponse {
  QrCode: string;
  /** Asia/Shanghai wall time, YYYY-MM-DD HH:mm:ss */
  ExpireTime: string;
}

// ---- QueryPendingBills (待缴费) ----------------------------------------------------------------
/** Unknown patient → 1001. */
export interface QueryPendingBillsRequest {
  PatientId: string;
}
export interface HsbBillItem {
  ItemName: string;
  Spec: string;
  /** Decimal count, e.g. "2" */
  Quantity: string;
  Unit: string;
  UnitPrice: HsbYuan;
  Amount: HsbYuan;
}
export interface HsbBill {
  BillNo: string;
  VisitNo: string;
  /** YYYY-MM-DD */
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  /** 1 drug 西药/中成药, 2 exam 检查, 3 lab 检验, 4 treatment 治疗 */
  BillType: '1' | '2' | '3' | '4';
  BillTitle: string;
  TotalFee: HsbYuan;
  Items: { Item: HsbBillItem[] };
}
export interface QueryPendingBillsResponse {
  Bills: { Bill: HsbBill[] };
}

// ---- ConfirmPayment (缴费确认: the hospital records a payment taken by WeChat Pay) -------------
/**
 * Idempotent by TradeNo: the same TradeNo again answers the first ReceiptNo. A bill that is not
 * pending (paid under another TradeNo, voided) or a TotalFee that is not the bills' sum → 2001 with
 * a Chinese message; the money must then be refunded by the caller. Unknown patient → 1001.
 */
export interface ConfirmPaymentRequest {
  PatientId: string;
  /** BILL for outpatient bills (later: REG, DEPOSIT …) */
  BizType: 'BILL';
  BillNos: { BillNo: string[] };
  TotalFee: HsbYuan;
  /** Our out_trade_no */
  TradeNo: string;
  /** WeChat Pay's transaction id */
  TransactionId: string;
  /** Asia/Shanghai wall time */
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmPaymentResponse {
  ReceiptNo: string;
}

// ---- QueryPayments (对账: the hospital's record of one day's online payments) -----------------
export interface QueryPaymentsRequest {
  /** YYYY-MM-DD, by PayTime in Asia/Shanghai */
  Date: string;
}
export interface HsbPayment {
  TradeNo: string;
  TransactionId: string;
  PatientId: string;
  TotalFee: HsbYuan;
  PayTime: string;
  ReceiptNo: string;
}
export interface QueryPaymentsResponse {
  Payments: { Payment: HsbPayment[] };
}

// ---- QueryCosts (费用查询: every visit's bills, paid or pending) -------------------------------
export interface QueryCostsRequest {
  PatientId: string;
}
export interface HsbCostBill {
  BillNo: string;
  BillType: '1' | '2' | '3' | '4';
  BillTitle: string;
  TotalFee: HsbYuan;
  /** 0 pending, 1 paid */
  Status: '0' | '1';
  /** Empty while pending */
  ReceiptNo: string;
}
export interface HsbCostVisit {
  VisitNo: string;
  VisitDate: string;
  DeptName: string;
  DoctorName: string;
  Bills: { Bill: HsbCostBill[] };
}
export interface QueryCostsResponse {
  Visits: { Visit: HsbCostVisit[] };
}

// ---- Booking: slots, appointments, holds, registrations, the queue ------------------------------
/** A slot; State 0 free, 1 held (someone is paying), 2 booked. */
export interface HsbSlot {
  SlotCode: string;
  ScheduleCode: string;
  BeginTime: string;
  EndTime: string;
  State: '0' | '1' | '2';
}
/** Unknown schedule → 1001. Expired holds are released before answering. */
export interface QuerySlotsRequest {
  ScheduleCode: string;
}
export interface QuerySlotsResponse {
  Schedule: HsbSchedule;
  Slots: { Slot: HsbSlot[] };
}

/** One slot with its session (where a slot code is all the caller has): QuerySlots' shape, one slot. Unknown slot → 1001. */
export interface QuerySlotRequest {
  SlotCode: string;
}
export interface QuerySlotResponse {
  Schedule: HsbSchedule;
  Slots: { Slot: HsbSlot[] };
}

/**
 * Appointment Status: 0 held (booked where the fee is paid at booking, awaiting payment until
 * ExpireTime), 1 booked, 2 checked-in, 3 fulfilled, 4 cancelled, 5 no-show.
 */
export interface HsbAppointment extends HsbSession {
  AppointmentNo: string;
  PatientId: string;
  SlotCode: string;
  DoctorCode: string;
  DeptCode: string;
  Location: string;
  Status: '0' | '1' | '2' | '3' | '4' | '5';
  /** Empty until the number was taken. */
  RegistrationNo: string;
  /** Shanghai wall time a held appointment lapses; empty unless Status 0. */
  ExpireTime: string;
  /** The payment's TradeNo where the fee was paid at booking; else empty. */
  TradeNo: string;
}

/**
 * Books a free slot for the patient, in one transaction (never oversells). Slot not free → 2002 (SLOT_TAKEN)
 * 该时段已被预约; stopped session, past slot, a date outside the hospital's booking window, or a
 * second live appointment with the same doctor in the same half-day → 2001 with a Chinese message;
 * the patient's active appointments at the hospital's cap → 2003; unknown patient or slot → 1001.
 * The same patient booking the same slot again answers the existing appointment. Where the fee is
 * paid at booking the appointment is held (Status 0) until ConfirmAppointment or its ExpireTime.
 */
export interface BookAppointmentRequest {
  PatientId: string;
  SlotCode: string;
  Channel: 'WECHAT';
}
export interface BookAppointmentResponse {
  Appointment: HsbAppointment;
}

/**
 * Cancels and frees the slot. On or after the visit day, or not in Status 0/1, or the number taken →
 * 2001; unknown → 1001. RefundFee is what was paid at booking (the caller refunds it to the payment's
 * TradeNo), 0.00 when nothing was paid.
 */
export interface CancelAppointmentRequest {
  AppointmentNo: string;
}
export interface CancelAppointmentResponse {
  Appointment: HsbAppointment;
  RefundFee: HsbYuan;
}

/**
 * Records the fee paid for a held appointment (Status 0 → 1), in one transaction; idempotent by
 * TradeNo. A lapsed hold is still honoured while its slot stayed free; a slot taken meanwhile, a
 * cancelled appointment or a wrong fee → 2001 (the caller refunds).
 */
export interface ConfirmAppointmentRequest {
  PatientId: string;
  AppointmentNo: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmAppointmentResponse {
  ReceiptNo: string;
  Appointment: HsbAppointment;
}

/**
 * 取号 of an appointment paid at booking: no new payment; the registration carries the booking's
 * TradeNo. Same window rules as ConfirmRegistration; asked again, answers the same registration.
 */
export interface TakeNumberRequest {
  PatientId: string;
  AppointmentNo: string;
}
export interface TakeNumberResponse {
  Registration: HsbRegistration;
}

/** A patient's appointments (every status), newest visit first. No-shows are marked by the hospital's clock. */
export interface QueryAppointmentsRequest {
  PatientId: string;
}
export interface QueryAppointmentsResponse {
  Appointments: { Appointment: HsbAppointment[] };
}

/**
 * Holds a free slot for HoldMinutes while the patient pays (当日挂号: today's slots only, else 2001).
 * Slot not free → 2002. The hold lapses by the hospital's clock and the slot returns to free.
 */
export interface HoldSlotRequest {
  PatientId: string;
  SlotCode: string;
  HoldMinutes: string;
}
export interface HoldSlotResponse {
  HoldNo: string;
  /** Asia/Shanghai wall time */
  ExpireTime: string;
}

/** Registration Status: 1 paid, 2 refunded, 3 visited. Source: 1 same-day registration, 2 take-number. */
export interface HsbRegistration extends HsbSession {
  RegistrationNo: string;
  PatientId: string;
  SlotCode: string;
  Location: string;
  Status: '1' | '2' | '3';
  Source: '1' | '2';
  AppointmentNo: string;
  TradeNo: string;
  QueueNo: string;
}

/**
 * Records the fee paid and makes the registration, in one transaction; idempotent by TradeNo.
 * Either HoldNo (当日挂号: the hold must still be live and the patient's) or AppointmentNo
 * (取号: on the visit day, Status 1, within the take-number window). A lapsed hold whose slot was
 * taken, a wrong fee, or a closed window → 2001 (the caller refunds).
 */
export interface ConfirmRegistrationRequest {
  PatientId: string;
  HoldNo?: string;
  AppointmentNo?: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface ConfirmRegistrationResponse {
  ReceiptNo: string;
  Registration: HsbRegistration;
}

export interface QueryRegistrationsRequest {
  PatientId: string;
}
export interface QueryRegistrationsResponse {
  Registrations: { Registration: HsbRegistration[] };
}

/** 退号: before the session starts and not checked in, else 2001; frees the slot. The caller refunds. */
export interface RefundRegistrationRequest {
  RegistrationNo: string;
  TradeNo: string;
}
export interface RefundRegistrationResponse {
  Registration: HsbRegistration;
  RefundFee: HsbYuan;
}

/** State: 0 not checked in, 1 waiting, 2 called, 3 done. */
export interface QueryQueueRequest {
  RegistrationNo: string;
}
export interface QueryQueueResponse {
  Queue: {
    RegistrationNo: string;
    State: '0' | '1' | '2' | '3';
    QueueNo: string;
    CurrentNo: string;
    AheadCount: string;
    Room: string;
  };
}

// ---- Inpatient (住院): stays, daily lists, deposits -------------------------------------------------
/**
 * A stay. Status 1 in hospital, 2 discharged and settling (出院结算中), 3 discharged and settled.
 * Times are Shanghai wall time (`YYYY-MM-DD HH:mm:ss`), empty until they happen. Money in yuan;
 * Balance (deposits minus charges) and Settlement carry a sign ("-120.50") when the patient owes.
 * Charges are posted per day of the stay on the hospital's clock, up to today.
 */
export interface HsbStay {
  StayNo: string;
  /** 住院号: what the wristband and the admission papers show. */
  AdmissionNo: string;
  PatientId: string;
  DeptName: string;
  WardName: string;
  WardLocation: string;
  BedNo: string;
  /** 主治医生 */
  DoctorName: string;
  Status: '1' | '2' | '3';
  AdmitTime: string;
  DischargeTime: string;
  SettleTime: string;
  DepositTotal: HsbYuan;
  ChargeTotal: HsbYuan;
  Balance: HsbYuan;
  /** Empty until settled: what was returned (positive) or collected (negative) at settlement. */
  Settlement: HsbYuan;
  /** Below this balance the hospital asks for more deposit (催缴). */
  LowBalanceThreshold: HsbYuan;
}
/** A patient's stays, newest admission first. Unknown patient → 1001. */
export interface QueryInpatientStaysRequest {
  PatientId: string;
}
export interface QueryInpatientStaysResponse {
  Stays: { Stay: HsbStay[] };
}
/**
 * One stay of the patient, by AdmissionNo or StayNo (exactly one). A number unknown or of another
 * patient → 1001 with one message (no oracle); unknown patient → 1001 naming 患者.
 */
export interface QueryInpatientStayRequest {
  PatientId: string;
  AdmissionNo?: string;
  StayNo?: string;
}
export interface QueryInpatientStayResponse {
  Stay: HsbStay;
}
/**
 * 每日清单: one day's charges of the patient's stay. Category: 1 床位费, 2 护理费, 3 药品费, 4 检验费,
 * 5 检查费, 6 治疗费, 7 材料费. A date outside the stay (or after today) → 2001; not the patient's → 1001.
 */
export interface QueryInpatientDailyListRequest {
  PatientId: string;
  StayNo: string;
  /** YYYY-MM-DD */
  ChargeDate: string;
}
export interface HsbStayCharge {
  Category: '1' | '2' | '3' | '4' | '5' | '6' | '7';
  ItemName: string;
  Spec: string;
  /** Decimal count, e.g. "2" */
  Quantity: string;
  Unit: string;
  UnitPrice: HsbYuan;
  Amount: HsbYuan;
}
export interface QueryInpatientDailyListResponse {
  StayNo: string;
  ChargeDate: string;
  Items: { Item: HsbStayCharge[] };
  DayTotal: HsbYuan;
}
/**
 * Records a deposit (预交金) WeChat Pay took; idempotent by TradeNo (the same TradeNo again answers
 * the first receipt). A stay discharged or settling → 2001 (the caller refunds); not the patient's → 1001.
 */
export interface PayInpatientDepositRequest {
  PatientId: string;
  StayNo: string;
  TotalFee: HsbYuan;
  TradeNo: string;
  TransactionId: string;
  PayTime: string;
  PayChannel: 'WECHAT';
}
export interface PayInpatientDepositResponse {
  ReceiptNo: string;
  Stay: HsbStay;
}

// ---- hospital events (push, ARCHITECTURE §9) --------------------------------------------------
/**
 * QueryEvents: the hospital's events after `SinceSeq` (its own sequence), oldest first, at most
 * `MaxCount` (1..200). Each event's data is a list of name/value fields (typings/events.ts names
 * them), so a hospital adds fields without changing the message. OccurredAt is Shanghai wall time.
 */
export interface QueryEventsRequest {
  SinceSeq: string;
  MaxCount: string;
}
export interface HsbEvent {
  Seq: string;
  Kind: string;
  PatientId: string;
  OccurredAt: string;
  Fields: { Field: { Name: string; Value: string }[] };
}
export interface QueryEventsResponse {
  Events: { Event: HsbEvent[] };
}

/** Every HSB service: request and response body. */
// Records and reports (issue 13) join through HsbRecordsServices (typings/hsb-records.ts), the
// after-the-visit services (tests, surveys, e-invoices) through HsbAfterVisitServices (typings/hsb-services.ts).
export interface HsbServices extends HsbRecordsServices, HsbAfterVisitServices {
  GetHospitalInfo: { request: GetHospitalInfoRequest; response: GetHospitalInfoResponse };
  QueryDepartments: { request: QueryDepartmentsRequest; response: QueryDepartmentsResponse };
  QueryDoctors: { request: QueryDoctorsRequest; response: QueryDoctorsResponse };
  QuerySchedules: { request: QuerySchedulesRequest; response: QuerySchedulesResponse };
  RegisterPatient: { request: RegisterPatientRequest; response: RegisterPatientResponse };
  // Verification codes (binding proves possession).
  SendVerificationCode: { request: SendVerificationCodeRequest; response: SendVerificationCodeResponse };
  CheckVerificationCode: { request: CheckVerificationCodeRequest; response: CheckVerificationCodeResponse };
  QueryCard: { request: QueryCardRequest; response: QueryCardResponse };
  GetPatientQrCode: { request: GetPatientQrCodeRequest; response: GetPatientQrCodeResponse };
  QueryPendingBills: { request: QueryPendingBillsRequest; response: QueryPendingBillsResponse };
  ConfirmPayment: { request: ConfirmPaymentRequest; response: ConfirmPaymentResponse };
  QueryPayments: { request: QueryPaymentsRequest; response: QueryPaymentsResponse };
  QueryCosts: { request: QueryCostsRequest; response: QueryCostsResponse };
  QuerySlots: { request: QuerySlotsRequest; response: QuerySlotsResponse };
  BookAppointment: { request: BookAppointmentRequest; response: BookAppointmentResponse };
  CancelAppointment: { request: CancelAppointmentRequest; response: CancelAppointmentResponse };
  QueryAppointments: { request: QueryAppointmentsRequest; response: QueryAppointmentsResponse };
  QuerySlot: { request: QuerySlotRequest; response: QuerySlotResponse };
  ConfirmAppointment: { request: ConfirmAppointmentRequest; response: ConfirmAppointmentResponse };
  TakeNumber: { request: TakeNumberRequest; response: TakeNumberResponse };
  HoldSlot: { request: HoldSlotRequest; response: HoldSlotResponse };
  ConfirmRegistration: { request: ConfirmRegistrationRequest; response: ConfirmRegistrationResponse };
  QueryRegistrations: { request: QueryRegistrationsRequest; response: QueryRegistrationsResponse };
  RefundRegistration: { request: RefundRegistrationRequest; response: RefundRegistrationResponse };
  QueryQueue: { request: QueryQueueRequest; response: QueryQueueResponse };
  // Inpatient (住院)
  QueryInpatientStays: { request: QueryInpatientStaysRequest; response: QueryInpatientStaysResponse };
  QueryInpatientStay: { request: QueryInpatientStayRequest; response: QueryInpatientStayResponse };
  QueryInpatientDailyList: { request: QueryInpatientDailyListRequest; response: QueryInpatientDailyListResponse };
  PayInpatientDeposit: { request: PayInpatientDepositRequest; response: PayInpatientDepositResponse };
  // push: hospital events since a sequence
  QueryEvents: { request: QueryEventsRequest; response: QueryEventsResponse };
}
export type HsbServiceName = keyof HsbServices;
