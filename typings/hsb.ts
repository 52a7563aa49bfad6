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

/** HSB result codes. */
export const HsbResultCode = {
  OK: '0',
  NOT_FOUND: '1001',
  INVALID_PARAMETER: '1002',
  BUSINESS_RULE: '2001',
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
export interface HsbSchedule {
  ScheduleCode: string;
  DoctorCode: string;
  DoctorName: string;
  Title: string;
  DeptCode: string;
  DeptName: string;
  ClinicDate: string;
  /** 1 morning, 2 afternoon. */
  TimeFlag: '1' | '2';
  /** `HH:mm` */
  BeginTime: string;
  EndTime: string;
  RegFee: HsbYuan;
  TotalNum: string;
  RemainNum: string;
  /** 0 open, 1 stopped (停诊). */
  Status: '0' | '1';
}
export interface QuerySchedulesResponse {
  Schedules: { Schedule: HsbSchedule[] };
}

// ---- RegisterPatient (建档: find or create by real name) ---------------------------------------
/**
 * Finds the hospital patient with this ID number, or creates one. An existing patient whose name
 * differs answers ResultCode 2001 (real-name mismatch). Idempotent by IdCardNo.
 * Under 14 (by the birth date in the ID number, on the hospital's clock) GuardianName and
 * GuardianIdCardNo are required (1002 without them); the guardian must be 18 or older.
 */
export interface RegisterPatientRequest {
  PatientName: string;
  IdCardNo: string;
  Phone: string;
  GuardianName?: string;
  GuardianIdCardNo?: string;
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

/** Every HSB service: request and response body. */
export interface HsbServices {
  GetHospitalInfo: { request: GetHospitalInfoRequest; response: GetHospitalInfoResponse };
  QueryDepartments: { request: QueryDepartmentsRequest; response: QueryDepartmentsResponse };
  QueryDoctors: { request: QueryDoctorsRequest; response: QueryDoctorsResponse };
  QuerySchedules: { request: QuerySchedulesRequest; response: QuerySchedulesResponse };
  RegisterPatient: { request: RegisterPatientRequest; response: RegisterPatientResponse };
  QueryCard: { request: QueryCardRequest; response: QueryCardResponse };
  GetPatientQrCode: { request: GetPatientQrCodeRequest; response: GetPatientQrCodeResponse };
}
export type HsbServiceName = keyof HsbServices;
