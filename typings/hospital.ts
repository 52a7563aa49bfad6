/** Hospital reference data as the app sees it (the front machine's adapter maps HSB XML into these). */

/** Amounts are integers in fen (1 yuan = 100 fen). */
export type Fen = number;

/** A calendar date in the hospital's zone, `YYYY-MM-DD`. */
export type HospitalDate = string;

/** Half-day clinic session. */
export type Period = 'AM' | 'PM';

/** The hospital's public profile (医院介绍). */
export interface HospitalInfo {
  name: string;
  /** Grade, e.g. 三级甲等. */
  level: string;
  address: string;
  phone: string;
  /** Several paragraphs of introduction. */
  intro: string;
  /** Outpatient hours, free text. */
  hours: string;
  /** How to get there (bus, metro, parking). */
  traffic: string;
  /** The hospital's booking rules (docs/architecture.md#booking-rules), which the cloud and the mini program follow. */
  bookingRules: BookingRules;
  // Issue 16 (the patient's experience): the hospital's notice strip and its place on the map.
  /** A notice the hospital shows on the home page (停诊, holidays …); absent or '' when none. */
  notice?: string;
  /** Where the hospital is, for the map (GCJ-02, as wx.openLocation takes it); absent when unpublished. */
  location?: GeoPoint;
}

/** A point on the map in GCJ-02 degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/**
 * A reference read answered from the front machine's last good copy because the hospital did not
 * answer: `staleSince` is when that copy was fetched (ISO instant). Absent on a fresh answer.
 */
export interface StaleMark {
  staleSince?: string;
}

/** Booking rules each hospital sets for itself; the hospital enforces them, the app explains them. */
export interface BookingRules {
  /** The registration fee is paid when booking (the slot is held while unpaid); else at take-number. */
  payAtBooking: boolean;
  /** Live appointments (held, booked, checked-in) a patient may have at once. */
  maxActiveAppointments: number;
  /** Minutes an unpaid hold lasts (当日挂号, and booking where it is paid at once). */
  holdMinutes: number;
}

/** A department; top-level departments group sub-specialties (parentId null). */
export interface Department {
  deptId: string;
  name: string;
  parentId: string | null;
  intro: string;
  /** Where the clinic is, e.g. 门诊楼3楼A区. */
  location: string;
}

/** A top-level department with its sub-specialties, as `dept.list` groups them. */
export interface DepartmentGroup {
  deptId: string;
  name: string;
  intro: string;
  children: Department[];
}

/** A doctor as listed. */
export interface DoctorSummary {
  doctorId: string;
  name: string;
  /** Professional title, e.g. 主任医师. */
  title: string;
  deptId: string;
  deptName: string;
  /** Clinical focus, one line. */
  specialty: string;
  /** Registration fee in fen. */
  fee: Fen;
}

/** A doctor's full profile. */
export interface Doctor extends DoctorSummary {
  /** Several sentences of introduction. */
  intro: string;
  gender: 'M' | 'F';
}

/** Whether patients can still book a session. */
export type ScheduleStatus = 'open' | 'full' | 'stopped';

/** One doctor's half-day clinic session (排班) with its remaining slot count. */
export interface Schedule {
  scheduleId: string;
  doctorId: string;
  doctorName: string;
  title: string;
  deptId: string;
  deptName: string;
  date: HospitalDate;
  period: Period;
  /** Clock time the session starts and ends, `HH:mm`. */
  startTime: string;
  endTime: string;
  fee: Fen;
  totalSlots: number;
  remaining: number;
  status: ScheduleStatus;
}
