/** `registration.list` (我的挂号): the caller's patients' registrations, live from the hospital, soonest visit first. */
import type { RegistrationView } from '../../../../typings/booking';
import { slotStart } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { orderOf, patientsOf, registrationView } from './booking';

export const registrationList: ActionDefinition<'registration.list', 'account'> = {
  schema: { patientId: { ...PATIENT_ID_RULE, required: false } },
  scope: 'account',
  async handler(ctx, input) {
    const patients = patientsOf(ctx.account, input.patientId);
    const now = ctx.clock();
    const views: RegistrationView[] = [];
    for (const patient of patients) {
      const { registrations } = await ctx.frontMachine.call('registration.list', { patientId: patient.patientId });
      for (const r of registrations) views.push(registrationView(r, patient, await orderOf(ctx, r.outTradeNo), now));
    }
    const at = (r: RegistrationView) => slotStart(r.date, r.startTime);
    const upcoming = (r: RegistrationView) => r.status === 'paid';
    return { registrations: [...views.filter(upcoming).sort((a, b) => at(a) - at(b)), ...views.filter((r) => !upcoming(r)).sort((a, b) => at(b) - at(a))] };
  },
};
