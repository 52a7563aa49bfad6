/** A hand-written Hospital double with canned data, counting the questions it is asked. */
import type { Department, Doctor, HospitalInfo, Schedule } from '../../../typings/hospital';
import { AppError } from '../../../miniprogram/core/errors';
import type { Hospital, HospitalCard, PatientQrCode, PatientRegistration, RegisteredPatient, ScheduleQuery } from '../hospital/port';

export const INFO: HospitalInfo = {
  name: '星河儿童医院',
  level: '三级甲等',
  address: '星河路1号',
  phone: '020-12345678',
  intro: '一家儿童医院。',
  hours: '08:00-17:30',
  traffic: '地铁1号线星河站',
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

export class StubHospital implements Hospital {
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

  async card(cardNo: string): Promise<HospitalCard> {
    this.calls.push(`card:${cardNo}`);
    if (cardNo !== '9100000001') throw new AppError('NOT_FOUND', '就诊卡不存在', 'cardNo');
    return { cardNo, patientId: 'P10000001', state: 'verified' };
  }

  async patientQrCode(patientId: string): Promise<PatientQrCode> {
    this.calls.push(`patientQrCode:${patientId}`);
    return { code: `PHQR1.${patientId}.1795656900.AAAAAAAAAAAAAAAAAAAAAA`, expiresAt: '2026-11-26T01:35:00.000Z' };
  }
}
