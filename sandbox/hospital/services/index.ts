/**
 * The service table: HSB ServiceName → handler over the db. A new service (slot locking,
 * payments) is a new row here and a new entry in `HsbServices` (typings/hsb.ts).
 */
import type { HsbServiceName, HsbServices } from '../../../typings/hsb';
import type { ServiceHandler } from './context';
import { queryDepartments } from './departments';
import { queryDoctors } from './doctors';
import { getHospitalInfo } from './hospital-info';
import { getPatientQrCode, queryCard, registerPatient } from './patients';
import { querySchedules } from './schedules';

export type ServiceTable = { [K in HsbServiceName]: ServiceHandler<HsbServices[K]['response']> };

export const SERVICES: ServiceTable = {
  GetHospitalInfo: getHospitalInfo,
  QueryDepartments: queryDepartments,
  QueryDoctors: queryDoctors,
  QuerySchedules: querySchedules,
  RegisterPatient: registerPatient,
  QueryCard: queryCard,
  GetPatientQrCode: getPatientQrCode,
};

export function isServiceName(name: string): name is HsbServiceName {
  return Object.prototype.hasOwnProperty.call(SERVICES, name);
}

export type { ServiceContext, ServiceHandler, ServiceOutcome } from './context';
