/**
 * `inpatient.list {patientId}`: the patient's bound stays, live from the hospital (ward, bed, doctor,
 * dates, deposits, charges, balance): current first, then the rest newest admission first.
 */
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { stayView } from './inpatient';

export const inpatientList: ActionDefinition<'inpatient.list', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx) {
    const { patientId } = ctx.patient;
    const bound = new Set((await ctx.stays.listByPatient(patientId)).map((d) => d._id));
    // Nothing bound: nothing to ask the hospital.
    if (bound.size === 0) return { stays: [] };
    const { stays } = await ctx.frontMachine.call('inpatient.stays', { patientId });
    const now = ctx.clock();
    const views = stays.filter((s) => bound.has(s.stayId)).map((s) => stayView(s, now));
    const current = views.filter((s) => s.status !== 'discharged');
    const past = views.filter((s) => s.status === 'discharged');
    const newestFirst = (a: { admittedAt: string }, b: { admittedAt: string }) => b.admittedAt.localeCompare(a.admittedAt);
    return { stays: [...current.sort(newestFirst), ...past.sort(newestFirst)] };
  },
};
