/** `patient.setDefault`: makes one of the caller's patients the default (the one the app opens with). */
import type { PatientListResponse } from '../../../../typings/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import type { ActionDefinition } from '../action';
import { listOf, PATIENT_ID_RULE, withOneDefault } from './patients';

export const patientSetDefault: ActionDefinition<'patient.setDefault', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    const { patientId } = ctx.patient;
    return ctx.updateAccount<PatientListResponse>((current) => {
      const patients = current?.patients ?? [];
      // Removed by a concurrent call after the router found it.
      if (!patients.some((p) => p.patientId === patientId)) return { refusal: new AppError('NOT_FOUND', '该就诊人已解除绑定，请刷新后重试', 'patientId') };
      const updated = withOneDefault(patients, patientId);
      return { patients: updated, answer: listOf(updated) };
    });
  },
};
