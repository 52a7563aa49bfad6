/**
 * Booking services: QuerySlots, QuerySlot, BookAppointment, ConfirmAppointment, CancelAppointment,
 * QueryAppointments, TakeNumber, HoldSlot, ConfirmRegistration, QueryRegistrations,
 * RefundRegistration, QueryQueue. The rules and the
 * transactions live in ../booking.ts; here the XML is read and written.
 */
import type {
  BookAppointmentRequest,
  BookAppointmentResponse,
  CancelAppointmentRequest,
  CancelAppointmentResponse,
  ConfirmAppointmentRequest,
  ConfirmAppointmentResponse,
  ConfirmRegistrationRequest,
  ConfirmRegistrationResponse,
  HoldSlotRequest,
  HoldSlotResponse,
  HsbAppointment,
  HsbRegistration,
  QueryAppointmentsRequest,
  QueryAppointmentsResponse,
  QueryQueueRequest,
  QueryQueueResponse,
  QueryRegistrationsRequest,
  QueryRegistrationsResponse,
  QuerySlotRequest,
  QuerySlotResponse,
  QuerySlotsRequest,
  QuerySlotsResponse,
  RefundRegistrationRequest,
  RefundRegistrationResponse,
  TakeNumberRequest,
  TakeNumberResponse,
} from '../../../typings/hsb';
import { yuanToFen } from '../../../miniprogram/core/money';
import { formatHospital } from '../../../miniprogram/core/time';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import type { AppointmentRow, Refusal, RegistrationRow } from '../booking';
import {
  MAX_HOLD_MINUTES,
  MESSAGES,
  bookAppointment,
  cancelAppointment,
  confirmAppointment,
  confirmRegistration as recordRegistration,
  findSlot,
  holdSlot as placeHold,
  patientAppointments,
  patientRegistrations,
  queuePosition,
  refundRegistration as recordRefund,
  scheduleSlots,
  settleNow,
  takePrepaidNumber,
  type SlotRow,
} from '../booking';
import { findPatient } from '../patients';
import { fenToYuan } from '../xml';
import type { ServiceHandler, ServiceOutcome } from './context';
import { ok, readParams, refuse } from './context';
import { PAYMENT_PARAMS } from './billing';
import { scheduleByCode } from './schedules';

const CODE = (label: string) => ({ type: 'string', label, required: true, pattern: CODE_PATTERN }) as const;
const SLOT_STATES = { free: '0', held: '1', booked: '2' } as const;

function refusal(r: Refusal): ServiceOutcome<never> {
  return refuse(r.code, r.message);
}

function flag(n: number): '1' | '2' {
  return n === 2 ? '2' : '1';
}

export function toHsbAppointment(a: AppointmentRow): HsbAppointment {
  return {
    AppointmentNo: a.appointmentNo,
    PatientId: a.patientId,
    ScheduleCode: a.scheduleCode,
    SlotCode: a.slotId,
    DoctorCode: a.doctorCode,
    DoctorName: a.doctorName,
    Title: a.title,
    DeptCode: a.deptCode,
    DeptName: a.deptName,
    ClinicDate: a.clinicDate,
    TimeFlag: flag(a.timeFlag),
    BeginTime: a.beginTime,
    EndTime: a.endTime,
    RegFee: fenToYuan(a.feeFen),
    Location: a.location,
    Status: String(a.status) as HsbAppointment['Status'],
    RegistrationNo: a.registrationNo ?? '',
    ExpireTime: a.expiresAt === null ? '' : formatHospital(a.expiresAt),
    TradeNo: a.tradeNo ?? '',
  };
}

export function toHsbRegistration(r: RegistrationRow): HsbRegistration {
  return {
    RegistrationNo: r.registrationNo,
    PatientId: r.patientId,
    ScheduleCode: r.scheduleCode,
    SlotCode: r.slotId,
    DoctorName: r.doctorName,
    Title: r.title,
    DeptName: r.deptName,
    ClinicDate: r.clinicDate,
    TimeFlag: flag(r.timeFlag),
    BeginTime: r.beginTime,
    EndTime: r.endTime,
    RegFee: fenToYuan(r.registrationFee),
    Location: r.location,
    Status: String(r.status) as HsbRegistration['Status'],
    Source: String(r.source) as HsbRegistration['Source'],
    AppointmentNo: r.appointmentNo ?? '',
    TradeNo: r.tradeNo,
    QueueNo: String(r.queueNo),
  };
}

function toHsbSlot(s: SlotRow) {
  return { SlotCode: s.slotId, ScheduleCode: s.scheduleCode, BeginTime: s.beginTime, EndTime: s.endTime, State: SLOT_STATES[s.state] };
}

export const querySlots: ServiceHandler<QuerySlotsResponse> = (body, { db, now }) => {
  const params = readParams<QuerySlotsRequest>({ ScheduleCode: CODE('排班代码') }, body);
  if (!params.ok) return params.refusal;
  settleNow(db, now());
  const schedule = scheduleByCode(db, params.value.ScheduleCode);
  if (schedule === undefined) return refuse('1001', MESSAGES.unknownSchedule);
  return ok({ Schedule: schedule, Slots: { Slot: scheduleSlots(db, params.value.ScheduleCode).map(toHsbSlot) } });
};

export const querySlot: ServiceHandler<QuerySlotResponse> = (body, { db, now }) => {
  const params = readParams<QuerySlotRequest>({ SlotCode: CODE('号源代码') }, body);
  if (!params.ok) return params.refusal;
  settleNow(db, now());
  const slot = findSlot(db, params.value.SlotCode);
  if (slot === undefined) return refuse('1001', MESSAGES.unknownSlot);
  return ok({ Schedule: scheduleByCode(db, slot.scheduleCode) as QuerySlotResponse['Schedule'], Slots: { Slot: [toHsbSlot(slot)] } });
};

export const bookAppointmentService: ServiceHandler<BookAppointmentResponse> = (body, { db, now }) => {
  const params = readParams<BookAppointmentRequest>(
    { PatientId: CODE('患者编号'), SlotCode: CODE('号源代码'), Channel: { type: 'enum', label: '预约渠道', required: true, values: ['WECHAT'] } },
    body,
  );
  if (!params.ok) return params.refusal;
  const p = params.value;
  const outcome = bookAppointment(db, p.PatientId, p.SlotCode, p.Channel, now());
  return outcome.ok ? ok({ Appointment: toHsbAppointment(outcome.appointment) }) : refusal(outcome);
};

export const cancelAppointmentService: ServiceHandler<CancelAppointmentResponse> = (body, { db, now }) => {
  const params = readParams<CancelAppointmentRequest>({ AppointmentNo: CODE('预约号') }, body);
  if (!params.ok) return params.refusal;
  const outcome = cancelAppointment(db, params.value.AppointmentNo, now());
  return outcome.ok ? ok({ Appointment: toHsbAppointment(outcome.appointment), RefundFee: fenToYuan(outcome.refundFee) }) : refusal(outcome);
};


export const confirmAppointmentService: ServiceHandler<ConfirmAppointmentResponse> = (body, { db, now }) => {
  const params = readParams<ConfirmAppointmentRequest>({ PatientId: CODE('患者编号'), AppointmentNo: CODE('预约号'), ...PAYMENT_PARAMS }, body);
  if (!params.ok) return params.refusal;
  const p = params.value;
  const totalFee = yuanToFen(p.TotalFee);
  if (totalFee === null) return refuse('1002', '支付金额格式不正确');
  const outcome = confirmAppointment(
    db,
    { patientId: p.PatientId, appointmentNo: p.AppointmentNo, totalFee, tradeNo: p.TradeNo, transactionId: p.TransactionId, payTime: p.PayTime },
    now(),
  );
  return outcome.ok ? ok({ ReceiptNo: outcome.receiptNo, Appointment: toHsbAppointment(outcome.appointment) }) : refusal(outcome);
};

export const takeNumberService: ServiceHandler<TakeNumberResponse> = (body, { db, now }) => {
  const params = readParams<TakeNumberRequest>({ PatientId: CODE('患者编号'), AppointmentNo: CODE('预约号') }, body);
  if (!params.ok) return params.refusal;
  const outcome = takePrepaidNumber(db, params.value.PatientId, params.value.AppointmentNo, now());
  return outcome.ok ? ok({ Registration: toHsbRegistration(outcome.registration) }) : refusal(outcome);
};

export const queryAppointments: ServiceHandler<QueryAppointmentsResponse> = (body, { db, now }) => {
  const params = readParams<QueryAppointmentsRequest>({ PatientId: CODE('患者编号') }, body);
  if (!params.ok) return params.refusal;
  if (findPatient(db, params.value.PatientId) === undefined) return refuse('1001', MESSAGES.unknownPatient);
  settleNow(db, now());
  return ok({ Appointments: { Appointment: patientAppointments(db, params.value.PatientId).map(toHsbAppointment) } });
};

export const holdSlotService: ServiceHandler<HoldSlotResponse> = (body, { db, now }) => {
  const params = readParams<HoldSlotRequest>(
    { PatientId: CODE('患者编号'), SlotCode: CODE('号源代码'), HoldMinutes: { type: 'string', label: '锁号分钟数', required: true, pattern: /^\d{1,2}$/ } },
    body,
  );
  if (!params.ok) return params.refusal;
  const minutes = Number(params.value.HoldMinutes);
  if (minutes < 1 || minutes > MAX_HOLD_MINUTES) return refuse('1002', `锁号分钟数应为1至${MAX_HOLD_MINUTES}`);
  const outcome = placeHold(db, params.value.PatientId, params.value.SlotCode, minutes, now());
  return outcome.ok ? ok({ HoldNo: outcome.hold.holdNo, ExpireTime: formatHospital(outcome.hold.expiresAt) }) : refusal(outcome);
};

export const confirmRegistrationService: ServiceHandler<ConfirmRegistrationResponse> = (body, { db, now }) => {
  const params = readParams<ConfirmRegistrationRequest>(
    {
      PatientId: CODE('患者编号'),
      HoldNo: { ...CODE('锁号编号'), required: false },
      AppointmentNo: { ...CODE('预约号'), required: false },
      ...PAYMENT_PARAMS,
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const p = params.value;
  if ((p.HoldNo === undefined) === (p.AppointmentNo === undefined)) return refuse('1002', '锁号编号和预约号须且只能提供其中一个');
  const totalFee = yuanToFen(p.TotalFee);
  if (totalFee === null) return refuse('1002', '支付金额格式不正确');
  const outcome = recordRegistration(
    db,
    { patientId: p.PatientId, holdNo: p.HoldNo, appointmentNo: p.AppointmentNo, totalFee, tradeNo: p.TradeNo, transactionId: p.TransactionId, payTime: p.PayTime },
    now(),
  );
  return outcome.ok ? ok({ ReceiptNo: outcome.receiptNo, Registration: toHsbRegistration(outcome.registration) }) : refusal(outcome);
};

export const queryRegistrations: ServiceHandler<QueryRegistrationsResponse> = (body, { db }) => {
  const params = readParams<QueryRegistrationsRequest>({ PatientId: CODE('患者编号') }, body);
  if (!params.ok) return params.refusal;
  if (findPatient(db, params.value.PatientId) === undefined) return refuse('1001', MESSAGES.unknownPatient);
  return ok({ Registrations: { Registration: patientRegistrations(db, params.value.PatientId).map(toHsbRegistration) } });
};

export const refundRegistrationService: ServiceHandler<RefundRegistrationResponse> = (body, { db, now }) => {
  const params = readParams<RefundRegistrationRequest>(
    { RegistrationNo: CODE('挂号单号'), TradeNo: { type: 'string', label: '商户订单号', required: true, pattern: /^[A-Za-z0-9_-]{6,32}$/ } },
    body,
  );
  if (!params.ok) return params.refusal;
  const outcome = recordRefund(db, params.value.RegistrationNo, params.value.TradeNo, now());
  return outcome.ok ? ok({ Registration: toHsbRegistration(outcome.registration), RefundFee: fenToYuan(outcome.refundFee) }) : refusal(outcome);
};

export const queryQueue: ServiceHandler<QueryQueueResponse> = (body, { db, now }) => {
  const params = readParams<QueryQueueRequest>({ RegistrationNo: CODE('挂号单号') }, body);
  if (!params.ok) return params.refusal;
  const outcome = queuePosition(db, params.value.RegistrationNo, now());
  if (!outcome.ok) return refusal(outcome);
  const q = outcome.queue;
  return ok({
    Queue: {
      RegistrationNo: q.registration.registrationNo,
      State: String(q.state) as QueryQueueResponse['Queue']['State'],
      QueueNo: String(q.registration.queueNo),
      CurrentNo: String(q.currentNo),
      AheadCount: String(q.ahead),
      Room: q.room,
    },
  });
};
