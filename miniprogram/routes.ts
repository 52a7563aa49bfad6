/**
 * Every page's address, built from typed parameters: one builder per page of app.json, so a page
 * is named once and its query cannot be misspelt. Values are URI-encoded; pages decode them.
 */

/** The path of every page (app.json lists each; a test keeps the two in step). */
export const PAGES = {
  home: '/pages/home/index',
  hospital: '/pages/hospital/index',
  me: '/pages/me/index',
  departments: '/pages/departments/index',
  department: '/pages/department/index',
  doctors: '/pages/doctors/index',
  doctor: '/pages/doctor/index',
  slots: '/pages/slots/index',
  bookingConfirm: '/pages/booking-confirm/index',
  hospitalIntro: '/packages/hospital/intro/index',
  patientList: '/packages/patient/list/index',
  patientAdd: '/packages/patient/add/index',
  patientDetail: '/packages/patient/detail/index',
  patientCard: '/packages/patient/card/index',
  bills: '/packages/payment/bills/index',
  paymentResult: '/packages/payment/result/index',
  orders: '/packages/payment/orders/index',
  costs: '/packages/payment/costs/index',
  appointments: '/packages/booking/appointments/index',
  registrations: '/packages/booking/registrations/index',
  queue: '/packages/booking/queue/index',
  // Records and reports.
  visits: '/packages/records/visits/index',
  visit: '/packages/records/visit/index',
  reports: '/packages/records/reports/index',
  report: '/packages/records/report/index',
  trend: '/packages/records/trend/index',
  // Inpatient.
  inpatient: '/packages/inpatient/index/index',
  inpatientDaily: '/packages/inpatient/daily/index',
  inpatientDeposit: '/packages/inpatient/deposit/index',
  // After the visit: tests, surveys, e-invoices.
  natApply: '/packages/nat/apply/index',
  natVisitor: '/packages/nat/visitor/index',
  natReport: '/packages/nat/report/index',
  surveys: '/packages/survey/list/index',
  surveyAnswer: '/packages/survey/answer/index',
  invoices: '/packages/invoice/list/index',
  // Messages.
  messages: '/packages/message/center/index',
} as const;

export type PageName = keyof typeof PAGES;

/** `path?a=1&b=2`, leaving out parameters that are undefined. */
function withQuery(path: string, query: Record<string, string | undefined>): string {
  // Object.keys, not entries with destructuring: WeChat's compiler would require Babel helpers the package lacks.
  const pairs: string[] = [];
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value !== undefined) pairs.push(`${key}=${encodeURIComponent(value)}`);
  }
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** Where a department opens: at its schedule (按科室排班) or at today's sessions (当日挂号). */
export type DepartmentSection = 'schedule' | 'today';

/** What the patient did in the pay sheet, as the payment result page reads it. */
export type PayOutcomeParam = 'paid' | 'cancelled' | 'failed';

export const routes = {
  home: () => PAGES.home,
  hospital: () => PAGES.hospital,
  me: () => PAGES.me,
  /** `section: 'schedule'` opens the department list for 按科室排班; `'today'` for 当日挂号 (the department opens at today). */
  departments: (q: { section?: DepartmentSection } = {}) => withQuery(PAGES.departments, q),
  department: (q: { deptId: string; section?: DepartmentSection }) => withQuery(PAGES.department, q),
  doctors: () => PAGES.doctors,
  doctor: (q: { doctorId: string }) => withQuery(PAGES.doctor, q),
  slots: (q: { scheduleId: string }) => withQuery(PAGES.slots, q),
  bookingConfirm: (q: { scheduleId: string; slotId: string }) => withQuery(PAGES.bookingConfirm, q),
  hospitalIntro: () => PAGES.hospitalIntro,
  patientList: () => PAGES.patientList,
  patientAdd: () => PAGES.patientAdd,
  patientDetail: (q: { patientId: string }) => withQuery(PAGES.patientDetail, q),
  /** Without a patient the page offers every bound patient. */
  patientCard: (q: { patientId?: string } = {}) => withQuery(PAGES.patientCard, q),
  bills: () => PAGES.bills,
  /** `billIds` (paying bills): the result page offers the remaining bills after the payment. */
  paymentResult: (q: { outTradeNo: string; patientId?: string; billIds?: readonly string[]; outcome?: PayOutcomeParam }) =>
    withQuery(PAGES.paymentResult, { outTradeNo: q.outTradeNo, patientId: q.patientId, billIds: q.billIds?.join(','), outcome: q.outcome }),
  orders: () => PAGES.orders,
  costs: () => PAGES.costs,
  appointments: () => PAGES.appointments,
  registrations: () => PAGES.registrations,
  /** `patientId`: the registration's patient, whose check-in code the page shows. */
  queue: (q: { registrationId: string; patientId?: string }) => withQuery(PAGES.queue, q),
  visits: (q: { patientId?: string } = {}) => withQuery(PAGES.visits, q),
  visit: (q: { patientId: string; visitId: string }) => withQuery(PAGES.visit, q),
  reports: (q: { patientId?: string } = {}) => withQuery(PAGES.reports, q),
  report: (q: { patientId: string; reportId: string }) => withQuery(PAGES.report, q),
  trend: (q: { patientId: string; itemCode: string }) => withQuery(PAGES.trend, q),
  inpatient: (q: { patientId?: string } = {}) => withQuery(PAGES.inpatient, q),
  inpatientDaily: (q: { patientId: string; stayId: string; date?: string }) => withQuery(PAGES.inpatientDaily, q),
  inpatientDeposit: (q: { patientId: string; stayId: string }) => withQuery(PAGES.inpatientDeposit, q),
  natApply: () => PAGES.natApply,
  natVisitor: () => PAGES.natVisitor,
  natReport: () => PAGES.natReport,
  surveys: () => PAGES.surveys,
  surveyAnswer: (q: { patientId: string; surveyId: string }) => withQuery(PAGES.surveyAnswer, q),
  invoices: () => PAGES.invoices,
  messages: (q: { patientId?: string } = {}) => withQuery(PAGES.messages, q),
} satisfies Record<PageName, (...args: never[]) => string>;
