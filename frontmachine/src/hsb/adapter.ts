/**
 * The Hospital port spoken as HSB XML: one method per domain question, result codes mapped to the
 * contract's errors. A hospital with a different bus replaces this folder only.
 */
import type { Department, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../../typings/hospital';
import { HsbResultCode, type HsbServiceName, type HsbServices } from '../../../typings/hsb';
import { AppError } from '../../../miniprogram/core/errors';
import type { Hospital, HospitalCard, PatientQrCode, PatientRegistration, RegisteredPatient, ScheduleQuery } from '../hospital/port';
import type { Logger } from 'pino';
import { HsbUnavailableError, type HsbClient, type HsbReply } from './client';
import { HsbProtocolError } from './envelope';
import {
  toDepartments,
  toDoctors,
  toDoctorSummaries,
  toHospitalCard,
  toHospitalInfo,
  toPatientQrCode,
  toRegisteredPatient,
  toSchedules,
} from './mapping';

/** What the patient reads when a code the HSB returned names nothing better. */
const NOT_FOUND_MESSAGES: Record<string, string> = {
  deptId: '未找到该科室',
  doctorId: '未找到该医生',
  cardNo: '未找到该就诊卡',
  patientId: '未找到该就诊人',
};

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
    const { name, idCardNo, phone, guardian } = registration;
    const request = { PatientName: name, IdCardNo: idCardNo, Phone: phone, GuardianName: guardian?.name, GuardianIdCardNo: guardian?.idCardNo };
    // 2001 here is the real-name mismatch, so the name is the field to correct; 1002 names its problem in the message.
    return this.ask('RegisterPatient', request, undefined, toRegisteredPatient, 'name');
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

  /**
   * One HSB call: transport and protocol failures → HOSPITAL_UNAVAILABLE, result codes → the contract.
   * `field` is the request field a 1001/1002 concerns, `ruleField` the one a 2001 does.
   */
  private async ask<S extends HsbServiceName, T>(
    service: S,
    request: HsbServices[S]['request'],
    field: string | undefined,
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
export function failureOf(reply: Pick<HsbReply, 'resultCode' | 'resultMessage'>, field: string | undefined, ruleField?: string): AppError {
  const said = reply.resultMessage.trim();
  switch (reply.resultCode) {
    case HsbResultCode.NOT_FOUND:
      return new AppError('NOT_FOUND', said || (field !== undefined ? NOT_FOUND_MESSAGES[field] : undefined), field);
    case HsbResultCode.INVALID_PARAMETER:
      return new AppError('INVALID_INPUT', said || undefined, field);
    case HsbResultCode.BUSINESS_RULE:
      return new AppError('RULE_VIOLATION', said || undefined, ruleField);
    default:
      // 9999 and any code we do not know: the patient can only try again later.
      return new AppError('HOSPITAL_UNAVAILABLE');
  }
}
