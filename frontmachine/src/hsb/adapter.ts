/**
 * The Hospital port spoken as HSB XML: one method per domain question, result codes mapped to the
 * contract's errors. A hospital with a different bus replaces this folder only.
 */
import type { Department, Doctor, DoctorSummary, HospitalDate, HospitalInfo, Schedule } from '../../../typings/hospital';
import type { Bill, CostVisit } from '../../../typings/payment';
import { HsbResultCode, type HsbServiceName, type HsbServices } from '../../../typings/hsb';
import { AppError } from '../../../miniprogram/core/errors';
import { formatYuan } from '../../../miniprogram/core/money';
import { formatHospital } from '../../../miniprogram/core/time';
import type {
  AppointmentCancellation,
  AppointmentConfirmation,
  AppointmentReceipt,
  BindingCodeRequest,
  CodeChallenge,
  Hospital,
  HospitalCard,
  PhoneCodeCheck,
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
} from '../hospital/port';
import type { HospitalAppointment, HospitalRegistration, QueueStatus, SlotHold } from '../../../typings/booking';
import type { Logger } from 'pino';
import { HsbUnavailableError, type HsbClient, type HsbReply } from './client';
import { HsbProtocolError } from './envelope';
import {
  toBills,
  toCostVisits,
  toDepartments,
  toDoctors,
  toDoctorSummaries,
  toHospitalCard,
  toHospitalInfo,
  toPatientQrCode,
  toPaymentReceipt,
  toPayments,
  toRegisteredPatient,
  toSchedules,
  toAppointments,
  toOneAppointment,
  toQueueStatus,
  toRegistrationReceipt,
  toRegistrationRefund,
  toRegistrations,
  toSessionSlots,
  toSlotHold,
  toSlotInSession,
  toAppointmentCancellation,
  toAppointmentReceipt,
  toTakenNumber,
} from './mapping';
import { personFields, toCodeChallenge } from './identity';

/** What the patient reads when a code the HSB returned names nothing better. */
const NOT_FOUND_MESSAGES: Record<string, string> = {
  deptId: '未找到该科室',
  doctorId: '未找到该医生',
  cardNo: '未找到该就诊卡',
  patientId: '未找到该就诊人',
  scheduleId: '未找到该排班',
  slotId: '未找到该号源',
  appointmentId: '未找到该预约',
  holdId: '未找到该锁号记录',
  registrationId: '未找到该挂号记录',
};

/** What the patient reads when the slot was taken first (HSB 2002). */
export const SLOT_TAKEN_MESSAGE = '该时段已被预约，请选择其他时段';

/**
 * A 1001 of a call that names two things (a patient and a slot …) says in its message which one is
 * unknown; the patient is named 患者 by every HSB we know, so anything else is the other field.
 */
function unknownOf(otherField: string): (message: string) => string {
  return (message) => (message.includes('患者') ? 'patientId' : otherField);
}

/** A WeChat payment as the HSB records a registration fee: yuan, Shanghai wall time. */
function paymentFields(c: { amount: number; outTradeNo: string; transactionId: string; paidAt: string }) {
  return { TotalFee: formatYuan(c.amount), TradeNo: c.outTradeNo, TransactionId: c.transactionId, PayTime: formatHospital(Date.parse(c.paidAt)), PayChannel: 'WECHAT' as const };
}

export class HsbHospital implements Hospital {
  constructor(
    private readonly client: HsbClient,
    private readonly logger?: Logger,
  ) {}

  hospitalInfo(): Promise<HospitalInfo> {
    return this.ask('GetHospitalInfo', {}, undefined, toHospitalInfo);
  }

  departments(): Promise<Department[]> {
    return this.ask('QueryDepartments', {}, undefined, toDepartments);
  }

  doctors(deptId: string): Promise<DoctorSummary[]> {
    return this.ask('QueryDoctors', { DeptCode: deptId }, 'deptId', toDoctorSummaries);
  }

  async doctor(doctorId: string): Promise<Doctor> {
    const doctors = await this.ask('QueryDoctors', { DoctorCode: doctorId }, 'doctorId', toDoctors);
    // Asked by code, the HSB answers that doctor only; anything else is not the doctor we asked for.
    const found = doctors.find((d) => d.doctorId === doctorId);
    if (found === undefined) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGES.doctorId, 'doctorId');
    return found;
  }

  schedules(query: ScheduleQuery): Promise<Schedule[]> {
    const by = query.deptId !== undefined ? { DeptCode: query.deptId } : { DoctorCode: query.doctorId };
    const field = query.deptId !== undefined ? 'deptId' : 'doctorId';
    return this.ask('QuerySchedules', { ...by, BeginDate: query.from, EndDate: query.to }, field, toSchedules);
  }

  registerPatient(registration: PatientRegistration): Promise<RegisteredPatient> {
    const { caller, challengeId, code, allowNew } = registration;
    const request = { ...personFields(registration), Caller: caller, ChallengeNo: challengeId, VerifyCode: code, AllowNew: allowNew === false ? ('0' as const) : ('1' as const) };
    // 2001 here is the neutral refusal (no field: naming one would say which detail was wrong); 1002 names its problem in the message.
    return this.ask('RegisterPatient', request, undefined, toRegisteredPatient);
  }

  sendBindingCode(request: BindingCodeRequest): Promise<CodeChallenge> {
    return this.ask('SendVerificationCode', { Purpose: 'BIND', Caller: request.caller, ...personFields(request) }, undefined, toCodeChallenge);
  }

  sendPhoneCode(caller: string, phone: string): Promise<CodeChallenge> {
    return this.ask('SendVerificationCode', { Purpose: 'PHONE', Caller: caller, Phone: phone }, 'phone', toCodeChallenge);
  }

  async checkPhoneCode(check: PhoneCodeCheck): Promise<{ verified: true }> {
    await this.ask('CheckVerificationCode', { ChallengeNo: check.challengeId, Caller: check.caller, Phone: check.phone, VerifyCode: check.code }, undefined, () => true);
    return { verified: true };
  }

  async card(cardNo: string): Promise<HospitalCard> {
    const card = await this.ask('QueryCard', { CardNo: cardNo }, 'cardNo', toHospitalCard);
    // Another card than the one asked for would show the patient someone else's card: the HSB is off protocol.
    if (card.cardNo !== cardNo) {
      this.logger?.error({ service: 'QueryCard', problem: '<CardNo> differs from the card asked for' }, 'hsb answer off protocol');
      throw new AppError('HOSPITAL_UNAVAILABLE');
    }
    return card;
  }

  patientQrCode(patientId: string): Promise<PatientQrCode> {
    return this.ask('GetPatientQrCode', { PatientId: patientId }, 'patientId', toPatientQrCode);
  }

  pendingBills(patientId: string): Promise<Bill[]> {
    return this.ask('QueryPendingBills', { PatientId: patientId }, 'patientId', toBills);
  }

  async confirmPayment(c: PaymentConfirmation): Promise<PaymentReceipt> {
    const request = {
      PatientId: c.patientId,
      BizType: 'BILL' as const,
      BillNos: { BillNo: c.billIds },
      TotalFee: formatYuan(c.amount),
      TradeNo: c.outTradeNo,
      TransactionId: c.transactionId,
      PayTime: formatHospital(Date.parse(c.paidAt)),
      PayChannel: 'WECHAT' as const,
    };
    try {
      // 2001 means the bills changed (paid, voided) or the amount differs: the bills are what to look at again.
      return await this.ask('ConfirmPayment', request, 'patientId', toPaymentReceipt, 'billIds');
    } catch (e) {
      // A 1002 may concern any field (amount, pay time …): its message says which, so none is named.
      if (e instanceof AppError && e.code === 'INVALID_INPUT') throw new AppError('INVALID_INPUT', e.message);
      throw e;
    }
  }

  payments(date: HospitalDate): Promise<HospitalPayment[]> {
    return this.ask('QueryPayments', { Date: date }, 'date', toPayments);
  }

  costs(patientId: string): Promise<CostVisit[]> {
    return this.ask('QueryCosts', { PatientId: patientId }, 'patientId', toCostVisits);
  }

  slots(scheduleId: string): Promise<SessionSlots> {
    return this.ask('QuerySlots', { ScheduleCode: scheduleId }, 'scheduleId', toSessionSlots);
  }

  slot(slotId: string): Promise<SlotInSession> {
    return this.ask('QuerySlot', { SlotCode: slotId }, 'slotId', (body) => toSlotInSession(body, slotId));
  }

  bookAppointment(patientId: string, slotId: string): Promise<HospitalAppointment> {
    return this.ask('BookAppointment', { PatientId: patientId, SlotCode: slotId, Channel: 'WECHAT' }, unknownOf('slotId'), toOneAppointment, 'slotId');
  }

  confirmAppointment(c: AppointmentConfirmation): Promise<AppointmentReceipt> {
    const request = { PatientId: c.patientId, AppointmentNo: c.appointmentId, ...paymentFields(c) };
    return this.ask('ConfirmAppointment', request, unknownOf('appointmentId'), toAppointmentReceipt, 'appointmentId');
  }

  cancelAppointment(appointmentId: string): Promise<AppointmentCancellation> {
    return this.ask('CancelAppointment', { AppointmentNo: appointmentId }, 'appointmentId', toAppointmentCancellation, 'appointmentId');
  }

  takeNumber(patientId: string, appointmentId: string): Promise<HospitalRegistration> {
    return this.ask('TakeNumber', { PatientId: patientId, AppointmentNo: appointmentId }, unknownOf('appointmentId'), toTakenNumber, 'appointmentId');
  }

  appointments(patientId: string): Promise<HospitalAppointment[]> {
    return this.ask('QueryAppointments', { PatientId: patientId }, 'patientId', toAppointments);
  }

  holdSlot(patientId: string, slotId: string, minutes: number): Promise<SlotHold> {
    const request = { PatientId: patientId, SlotCode: slotId, HoldMinutes: String(minutes) };
    return this.ask('HoldSlot', request, unknownOf('slotId'), (body) => toSlotHold(body, patientId, slotId), 'slotId');
  }

  confirmRegistration(c: RegistrationConfirmation): Promise<RegistrationReceipt> {
    const request = { PatientId: c.patientId, HoldNo: c.holdId, AppointmentNo: c.appointmentId, ...paymentFields(c) };
    const about = c.holdId !== undefined ? 'holdId' : 'appointmentId';
    return this.ask('ConfirmRegistration', request, unknownOf(about), toRegistrationReceipt, about);
  }

  registrations(patientId: string): Promise<HospitalRegistration[]> {
    return this.ask('QueryRegistrations', { PatientId: patientId }, 'patientId', toRegistrations);
  }

  refundRegistration(registrationId: string, outTradeNo: string): Promise<RegistrationRefund> {
    return this.ask('RefundRegistration', { RegistrationNo: registrationId, TradeNo: outTradeNo }, 'registrationId', toRegistrationRefund, 'registrationId');
  }

  queueStatus(registrationId: string): Promise<QueueStatus> {
    return this.ask('QueryQueue', { RegistrationNo: registrationId }, 'registrationId', toQueueStatus, 'registrationId');
  }

  /**
   * One HSB call: transport and protocol failures → HOSPITAL_UNAVAILABLE, result codes → the contract.
   * `field` is the request field a 1001/1002 concerns, `ruleField` the one a 2001 does.
   */
  private async ask<S extends HsbServiceName, T>(
    service: S,
    request: HsbServices[S]['request'],
    field: string | undefined | ((message: string) => string),
    map: (body: Record<string, unknown>) => T,
    ruleField?: string,
  ): Promise<T> {
    let reply: HsbReply;
    try {
      reply = await this.client.call(service, request);
    } catch (e) {
      if (e instanceof HsbUnavailableError) throw new AppError('HOSPITAL_UNAVAILABLE');
      throw e;
    }
    if (reply.resultCode !== HsbResultCode.OK) throw failureOf(reply, field, ruleField);
    try {
      return map(reply.body);
    } catch (e) {
      if (e instanceof HsbProtocolError) {
        // Mapping errors name a tag, and its value only where that is not personal (a code, an amount), so they are safe to log.
        this.logger?.error({ service, problem: e.message }, 'hsb answer off protocol');
        throw new AppError('HOSPITAL_UNAVAILABLE');
      }
      throw e;
    }
  }
}

/**
 * The contract's error for a non-zero HSB result code; `field` is the request field a 1001 or 1002
 * concerns, `ruleField` the one a 2001 (business rule) does.
 */
export function failureOf(
  reply: Pick<HsbReply, 'resultCode' | 'resultMessage'>,
  field: string | undefined | ((message: string) => string),
  ruleField?: string,
): AppError {
  const said = reply.resultMessage.trim();
  if (typeof field === 'function') field = field(said);
  switch (reply.resultCode) {
    case HsbResultCode.NOT_FOUND:
      return new AppError('NOT_FOUND', said || (field !== undefined ? NOT_FOUND_MESSAGES[field] : undefined), field);
    case HsbResultCode.SLOT_TAKEN:
      // The hospital's wording varies; the patient always reads the same sentence.
      return new AppError('SOLD_OUT', SLOT_TAKEN_MESSAGE, 'slotId');
    case HsbResultCode.INVALID_PARAMETER:
      return new AppError('INVALID_INPUT', said || undefined, field);
    case HsbResultCode.BUSINESS_RULE:
      return new AppError('RULE_VIOLATION', said || undefined, ruleField);
    case HsbResultCode.LIMIT_REACHED:
      return new AppError('LIMIT_REACHED', said || undefined, ruleField);
    default:
      // 9999 and any code we do not know: the patient can only try again later.
      return new AppError('HOSPITAL_UNAVAILABLE');
  }
}
