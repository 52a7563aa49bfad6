/**
 * HSB reference data: the hospital, departments, doctors, schedules (none of it personal). Leaves are strings (typings/hsb.ts).
 */

import type { HsbYuan } from './envelope';

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


/** Reference-data services. */
export interface HsbReferenceServices {
  GetHospitalInfo: { request: GetHospitalInfoRequest; response: GetHospitalInfoResponse };
  QueryDepartments: { request: QueryDepartmentsRequest; response: QueryDepartmentsResponse };
  QueryDoctors: { request: QueryDoctorsRequest; response: QueryDoctorsResponse };
  QuerySchedules: { request: QuerySchedulesRequest; response: QuerySchedulesResponse };
}
