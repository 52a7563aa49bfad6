/**
 * The service table: HSB ServiceName → handler over the db. A new service (slot locking …) is a
 * new row here and a new entry in `HsbServices` (typings/hsb.ts).
 */
import type { HsbServiceName, HsbServices } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { confirmPayment, queryCosts, queryPayments, queryPendingBills } from './billing';
import { queryDepartments } from './departments';
import { queryDoctors } from './doctors';
import { getHospitalInfo } from './hospital-info';
import { getPatientQrCode, queryCard, registerPatient } from './patients';
import { querySchedules } from './schedules';
import { checkVerificationCode, sendVerificationCode } from './verification';
import {
  bookAppointmentService,
  cancelAppointmentService,
  confirmAppointmentService,
  confirmRegistrationService,
  holdSlotService,
  queryAppointments,
  queryQueue,
  queryRegistrations,
  querySlot,
  querySlots,
  refundRegistrationService,
  takeNumberService,
} from './booking';

export type ServiceTable = { [K in HsbServiceName]: ServiceHandler<HsbServices[K]['response']> };

export const SERVICES: ServiceTable = {
  GetHospitalInfo: getHospitalInfo,
  QueryDepartments: queryDepartments,
  QueryDoctors: queryDoctors,
  QuerySchedules: querySchedules,
  RegisterPatient: registerPatient,
  // Verification codes (binding proves possession).
  SendVerificationCode: sendVerificationCode,
  CheckVerificationCode: checkVerificationCode,
  QueryCard: queryCard,
  GetPatientQrCode: getPatientQrCode,
  QueryPendingBills: queryPendingBills,
  ConfirmPayment: confirmPayment,
  QueryPayments: queryPayments,
  QueryCosts: queryCosts,
  QuerySlots: querySlots,
  BookAppointment: bookAppointmentService,
  CancelAppointment: cancelAppointmentService,
  QueryAppointments: queryAppointments,
  QuerySlot: querySlot,
  ConfirmAppointment: confirmAppointmentService,
  TakeNumber: takeNumberService,
  HoldSlot: holdSlotService,
  ConfirmRegistration: confirmRegistrationService,
  QueryRegistrations: queryRegistrations,
  RefundRegistration: refundRegistrationService,
  QueryQueue: queryQueue,
};

export function isServiceName(name: string): name is HsbServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICES, name);
}

export type { ServiceContext, ServiceHandler, ServiceOutcome } from './context';
