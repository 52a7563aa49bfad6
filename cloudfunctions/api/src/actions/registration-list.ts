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
    // Every patient's list at once, and each row's order with it.
    const lists = await Promise.all(
      patients.map(async (patient) => {
        const { registrations } = await ctx.frontMachine.call('registration.list', { patientId: patient.patientId });
        return Promise.all(registrations.map(async (r) => registrationView(r, patient, await orderOf(ctx, r.outTradeNo), now)));
      }),
    );
    const views: RegistrationView[] = lists.flat();
    const at = (r: RegistrationView) => slotStart(r.date, r.startTime);
    const upcoming = (r: RegistrationView) => r.status === 'paid';
    return { registrations: [...views.filter(upcoming).sort((a, b) => at(a) - at(b)), ...views.filter((r) => !upcoming(r)).sort((a, b) => at(b) - at(a))] };
  },
};
