/** A hand-written Hospital double with canned data, counting the questions it is asked. */
import type { LabTrend, ReportDetail, ReportSummary, VisitDetail, VisitSummary } from '../../typings/records';
import type { Department, Doctor, HospitalDate, HospitalInfo, Schedule } from '../../typings/hospital';
import type { DailyList, HospitalStay } from '../../typings/inpatient';
import type { DepositConfirmation, DepositReceipt } from '../src/hospital/port';
import type { Bill, CostVisit } from '../../typings/payment';
import { AppError } from '../../miniprogram/core/errors';
import type {
  CodeChallenge,
  AppointmentCancellation,
  AppointmentConfirmation,
  AppointmentReceipt,
  Hospital,
  HospitalCard,
  HospitalPayment,
  PatientQrCode,
  PatientRegistration,
  PaymentConfirmation,
  PaymentReceipt,
  RegisteredPatient,
  RegistrationConfirmation,
  RegistrationReceipt,
  RegistrationRefund,
  ScheduleQuery,
  SessionSlots,
  SlotInSession,
} from '../src/hospital/port';
import type { HospitalAppointment, HospitalRegistration, QueueStatus, Slot, SlotHold } from '../../typings/booking';

export const INFO: HospitalInfo = {
  name: '星河儿童医院',
  level: '三级甲等',
  address: '星河路1号',
  phone: '020-12345678',
  intro: '一家儿童医院。',
  hours: '08:00-17:30',
  traffic: '地铁1号线星河站',
  bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
};

export const DOCTOR: Doctor = {
  doctorId: 'D001',
  name: '李明',
  title: '主任医师',
  deptId: 'NK01',
  deptName: '呼吸科',
  specialty: '哮喘',
  fee: 5000,
  intro: '从事儿科临床工作二十年。',
  gender: 'M',
};

export const BILL: Bill = {
  billId: 'SF10000001',
  visitId: 'MZ10000001',
  visitDate: '2026-11-26',
  deptName: '呼吸科',
  doctorName: '李明',
  category: 'drug',
  title: '西药费',
  items: [{ name: '布洛芬混悬液', spec: '100ml:2g', quantity: 1, unit: '瓶', unitPrice: 2850, amount: 2850 }],
  amount: 2850,
};

/** Session S1 as its schedule, appointments and registrations all repeat it. */
const SESSION = { scheduleId: 'S1', doctorName: '李明', title: '主任医师', deptName: '呼吸科', date: '2026-11-27', period: 'AM', startTime: '08:00', fee: 5000 } as const;

export const SCHEDULE: Schedule = {
  ...SESSION,
  doctorId: 'D001',
  deptId: 'NK01',
  endTime: '12:00',
  totalSlots: 2,
  remaining: 1,
  status: 'open',
};

export const APPOINTMENT: HospitalAppointment = {
  ...SESSION,
  appointmentId: 'YY10000001',
  patientId: 'P10000001',
  slotId: 'S1-01',
  doctorId: 'D001',
  deptId: 'NK01',
  endTime: '08:15',
  location: '门诊楼2楼',
  status: 'booked',
  registrationId: null,
  holdExpiresAt: null,
  outTradeNo: null,
};

export const REGISTRATION: HospitalRegistration = {
  ...SESSION,
  registrationId: 'GH10000001',
  patientId: 'P10000001',
  slotId: 'S1-01',
  endTime: '08:15',
  location: '门诊楼2楼',
  status: 'paid',
  source: 'take-number',
  appointmentId: 'YY10000001',
  outTradeNo: 'OT20261127000001',
  queueNo: 1,
};

const CHALLENGE: CodeChallenge = { challengeId: 'VC100000011234567', sentTo: '138****5678', expiresAt: '2026-11-26T01:35:00.000Z', resendAfter: '2026-11-26T01:31:00.000Z' };

export class StubHospital implements Hospital {
  /** Slots of session S1; a booking takes a free one, a second answers SOLD_OUT like the hospital. */
  slotStates: Record<string, Slot['state']> = { 'S1-01': 'free', 'S1-02': 'booked' };

  calls: string[] = [];

  async hospitalInfo(): Promise<HospitalInfo> {
    this.calls.push('hospitalInfo');
    return INFO;
  }

  async departments(): Promise<Department[]> {
    this.calls.push('departments');
    return [{ deptId: 'NK', name: '儿内科', parentId: null, intro: '', location: '门诊楼2楼' }];
  }

  async doctors(deptId: string): Promise<Doctor[]> {
    this.calls.push(`doctors:${deptId}`);
    if (deptId !== 'NK01') throw new AppError('NOT_FOUND', '科室不存在', 'deptId');
    return [DOCTOR];
  }

  async doctor(doctorId: string): Promise<Doctor> {
    this.calls.push(`doctor:${doctorId}`);
    if (doctorId !== DOCTOR.doctorId) throw new AppError('NOT_FOUND', '医生不存在', 'doctorId');
    return DOCTOR;
  }

  async schedules(query: ScheduleQuery): Promise<Schedule[]> {
    this.calls.push(`schedules:${query.deptId ?? query.doctorId}:${query.from}:${query.to}`);
    return [];
  }

  async registerPatient(registration: PatientRegistration): Promise<RegisteredPatient> {
    this.calls.push('registerPatient');
    return { patientId: 'P10000001', sex: 'M', birthDate: '1990-03-07', isNew: true, hasGuardian: registration.guardian !== undefined };
  }

  async sendBindingCode(): Promise<CodeChallenge> {
    this.calls.push('sendBindingCode');
    return CHALLENGE;
  }

  async sendPhoneCode(): Promise<CodeChallenge> {
    this.calls.push('sendPhoneCode');
    return CHALLENGE;
  }

  async checkPhoneCode(): Promise<{ verified: true }> {
    this.calls.push('checkPhoneCode');
    return { verified: true };
  }

  async card(cardNo: string): Promise<HospitalCard> {
    this.calls.push(`card:${cardNo}`);
    if (cardNo !== '9100000001') throw new AppError('NOT_FOUND', '就诊卡不存在', 'cardNo');
    return { cardNo, patientId: 'P10000001', state: 'verified' };
  }

  async patientQrCode(patientId: string): Promise<PatientQrCode> {
    this.calls.push(`patientQrCode:${patientId}`);
    return { code: `PHQR1.${patientId}.1795656900.AAAAAAAAAAAAAAAAAAAAAA`, expiresAt: '2026-11-26T01:35:00.000Z' };
  }

  async pendingBills(patientId: string): Promise<Bill[]> {
    this.calls.push(`pendingBills:${patientId}`);
    if (patientId !== 'P10000001') throw new AppError('NOT_FOUND', '患者不存在', 'patientId');
    return [BILL];
  }

  async confirmPayment(confirmation: PaymentConfirmation): Promise<PaymentReceipt> {
    this.calls.push(`confirmPayment:${confirmation.outTradeNo}`);
    if (confirmation.amount !== BILL.amount) throw new AppError('RULE_VIOLATION', '缴费金额与费用不符', 'billIds');
    return { receiptNo: 'SJ20261126000001' };
  }

  async payments(date: HospitalDate): Promise<HospitalPayment[]> {
    this.calls.push(`payments:${date}`);
    return [];
  }

  async costs(patientId: string): Promise<CostVisit[]> {
    this.calls.push(`costs:${patientId}`);
    return [];
  }

  async slots(scheduleId: string): Promise<SessionSlots> {
    this.calls.push(`slots:${scheduleId}`);
    if (scheduleId !== 'S1') throw new AppError('NOT_FOUND', '排班不存在', 'scheduleId');
    const slots = Object.entries(this.slotStates).map(([slotId, state], i) => ({ slotId, scheduleId, startTime: `08:${String(i * 15).padStart(2, '0')}`, endTime: `08:${String(i * 15 + 15).padStart(2, '0')}`, state }));
    return { schedule: { ...SCHEDULE, remaining: slots.filter((s) => s.state === 'free').length }, slots };
  }

  async slot(slotId: string): Promise<SlotInSession> {
    this.calls.push(`slot:${slotId}`);
    const { schedule, slots } = await this.slots('S1');
    const slot = slots.find((s) => s.slotId === slotId);
    if (slot === undefined) throw new AppError('NOT_FOUND', '号源不存在', 'slotId');
    return { schedule, slot };
  }

  async confirmAppointment(confirmation: AppointmentConfirmation): Promise<AppointmentReceipt> {
    this.calls.push(`confirmAppointment:${confirmation.outTradeNo}`);
    return { receiptNo: 'SJ20261126000002', appointment: { ...APPOINTMENT, appointmentId: confirmation.appointmentId, outTradeNo: confirmation.outTradeNo } };
  }

  async takeNumber(patientId: string, appointmentId: string): Promise<HospitalRegistration> {
    this.calls.push(`takeNumber:${patientId}:${appointmentId}`);
    return { ...REGISTRATION, patientId, appointmentId, source: 'take-number' };
  }

  private take(slotId: string, state: Slot['state']): void {
    if (!(slotId in this.slotStates)) throw new AppError('NOT_FOUND', '号源不存在', 'slotId');
    if (this.slotStates[slotId] !== 'free') throw new AppError('SOLD_OUT', '该时段已被预约，请选择其他时段', 'slotId');
    this.slotStates[slotId] = state;
  }

  async bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment> {
    this.calls.push(`bookAppointment:${patientId}:${slotId}`);
    this.take(slotId, 'booked');
    return { ...APPOINTMENT, patientId, slotId };
  }

  async cancelAppointment(appointmentId: string): Promise<AppointmentCancellation> {
    this.calls.push(`cancelAppointment:${appointmentId}`);
    this.slotStates[APPOINTMENT.slotId] = 'free';
    return { appointment: { ...APPOINTMENT, appointmentId, status: 'cancelled' }, refundAmount: 0 };
  }

  async appointments(patientId: string): Promise<HospitalAppointment[]> {
    this.calls.push(`appointments:${patientId}`);
    return [APPOINTMENT];
  }

  async holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold> {
    this.calls.push(`holdSlot:${patientId}:${slotId}:${minutes}`);
    this.take(slotId, 'held');
    return { holdId: 'SD10000001', patientId, slotId, expiresAt: '2026-11-26T01:40:00.000Z' };
  }

  async confirmRegistration(confirmation: RegistrationConfirmation): Promise<RegistrationReceipt> {
    this.calls.push(`confirmRegistration:${confirmation.outTradeNo}`);
    return { receiptNo: 'SJ20261126000001', registration: { ...REGISTRATION, outTradeNo: confirmation.outTradeNo } };
  }

  async registrations(patientId: string): Promise<HospitalRegistration[]> {
    this.calls.push(`registrations:${patientId}`);
    return [REGISTRATION];
  }

  async refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund> {
    this.calls.push(`refundRegistration:${registrationId}:${outTradeNo}`);
    this.slotStates[REGISTRATION.slotId] = 'free';
    return { registration: { ...REGISTRATION, status: 'refunded' }, refundAmount: REGISTRATION.fee };
  }

  async queueStatus(registrationId: string): Promise<QueueStatus> {
    this.calls.push(`queueStatus:${registrationId}`);
    return { registrationId, state: 'waiting', queueNo: 3, currentNo: 1, ahead: 1, room: '呼吸科1诊室' };
  }

  // Records and reports (issue 13): the stub has none; the sandbox hospital does.
  async visits(patientId: string): Promise<VisitSummary[]> {
    this.calls.push(`visits:${patientId}`);
    return [];
  }

  async visit(patientId: string, visitId: string): Promise<VisitDetail> {
    this.calls.push(`visit:${patientId}:${visitId}`);
    throw new AppError('NOT_FOUND', '就诊记录不存在', 'visitId');
  }

  async reports(patientId: string): Promise<ReportSummary[]> {
    this.calls.push(`reports:${patientId}`);
    return [];
  }

  async report(patientId: string, reportId: string): Promise<ReportDetail> {
    this.calls.push(`report:${patientId}:${reportId}`);
    throw new AppError('NOT_FOUND', '报告不存在', 'reportId');
  }

  async labTrend(patientId: string, itemCode: string): Promise<LabTrend> {
    this.calls.push(`labTrend:${patientId}:${itemCode}`);
    throw new AppError('NOT_FOUND', '暂无该检验项目的结果', 'itemCode');
  }

  // Inpatient (住院): one stay of P10000001.
  async stays(patientId: string): Promise<HospitalStay[]> {
    this.calls.push(`stays:${patientId}`);
    return patientId === STAY.patientId ? [STAY] : [];
  }

  async stay(patientId: string, by: { admissionNo: string } | { stayId: string }): Promise<HospitalStay> {
    this.calls.push(`stay:${patientId}`);
    const same = 'admissionNo' in by ? by.admissionNo === STAY.admissionNo : by.stayId === STAY.stayId;
    if (!same || patientId !== STAY.patientId) throw new AppError('NOT_FOUND', '未找到该住院记录，请核对住院号', 'admissionNo' in by ? 'admissionNo' : 'stayId');
    return STAY;
  }

  async dailyList(patientId: string, stayId: string, date: HospitalDate): Promise<DailyList> {
    this.calls.push(`dailyList:${patientId}:${stayId}:${date}`);
    const items = [{ category: 'bed' as const, name: '床位费', spec: '普通病房', quantity: 1, unit: '日', unitPrice: 4500, amount: 4500 }];
    return { stayId, date, items, subtotals: [{ category: 'bed', amount: 4500 }], total: 4500 };
  }

  async payDeposit(confirmation: DepositConfirmation): Promise<DepositReceipt> {
    this.calls.push(`payDeposit:${confirmation.outTradeNo}`);
    return { receiptNo: 'SJ20261126000003', stay: { ...STAY, deposits: STAY.deposits + confirmation.amount, balance: STAY.balance + confirmation.amount } };
  }

  // After the visit (issue 15): not stubbed; tests of these run against the sandbox hospital.
  private notStubbed(name: string): Promise<never> {
    this.calls.push(name);
    return Promise.reject(new AppError('HOSPITAL_UNAVAILABLE', `${name} is not stubbed`));
  }
  natTerms(): ReturnType<Hospital['natTerms']> {
    return this.notStubbed('natTerms');
  }
  applyNat(): ReturnType<Hospital['applyNat']> {
    return this.notStubbed('applyNat');
  }
  confirmNat(): ReturnType<Hospital['confirmNat']> {
    return this.notStubbed('confirmNat');
  }
  natApplications(): ReturnType<Hospital['natApplications']> {
    return this.notStubbed('natApplications');
  }
  pendingSurveys(): ReturnType<Hospital['pendingSurveys']> {
    return this.notStubbed('pendingSurveys');
  }
  survey(): ReturnType<Hospital['survey']> {
    return this.notStubbed('survey');
  }
  submitSurvey(): ReturnType<Hospital['submitSurvey']> {
    return this.notStubbed('submitSurvey');
  }
  invoices(): ReturnType<Hospital['invoices']> {
    return this.notStubbed('invoices');
  }
  invoicePdf(): ReturnType<Hospital['invoicePdf']> {
    return this.notStubbed('invoicePdf');
  }
  natReportCode(): ReturnType<Hospital['natReportCode']> {
    return this.notStubbed('natReportCode');
  }
  natReport(): ReturnType<Hospital['natReport']> {
    return this.notStubbed('natReport');
  }
}

const STAY: HospitalStay = {
  stayId: 'ZY10000001',
  admissionNo: '30000001',
  patientId: 'P10000001',
  deptName: '呼吸科',
  wardName: '呼吸科病区',
  wardLocation: '住院楼6楼东',
  bedNo: '12',
  doctorName: '张医生',
  status: 'in-hospital',
  admittedAt: '2026-11-26T01:30:00.000Z',
  dischargedAt: null,
  settledAt: null,
  deposits: 200_000,
  charges: 48_000,
  balance: 152_000,
  settlement: null,
  lowBalanceThreshold: 100_000,
};
