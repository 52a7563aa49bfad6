/**
 * `patient.remove`: unbinds one of the caller's patients (the hospital keeps its record). Removing
 * the default makes the next bound patient the default. Answers the new list.
 */
import type { ActionDefinition } from '../action';
import { listOf, PATIENT_ID_RULE, withOneDefault } from './patients';

export const patientRemove: ActionDefinition<'patient.remove', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    const { patientId } = ctx.patient;
    return ctx.updateAccount((current) => {
      // Already gone (a concurrent remove): the same outcome, so the same answer.
      const remaining = withOneDefault((current?.patients ?? []).filter((p) => p.patientId !== patientId));
      return { patients: remaining, answer: listOf(remaining) };
    });
  },
};
