/** `appointment.list` (我的预约): the caller's patients' appointments, live from the hospital, upcoming first. */
import type { AppointmentView } from '../../../../typings/booking';
import { isActiveAppointment, slotStart } from '../../../common/booking/rules';
import type { ActionDefinition } from '../action';
import { PATIENT_ID_RULE } from './patients';
import { adoptLostBookings, appointmentView, patientsOf } from './booking';

export const appointmentList: ActionDefinition<'appointment.list', 'account'> = {
  schema: { patientId: { ...PATIENT_ID_RULE, required: false } },
  scope: 'account',
  async handler(ctx, input) {
    const patients = patientsOf(ctx.account, input.patientId);
    const now = ctx.clock();
    // Every patient's list at once: a family of five waits for one hospital round trip, not five.
    const lists = await Promise.all(
      patients.map(async (patient) => {
        const { appointments } = await ctx.frontMachine.call('appointment.list', { patientId: patient.patientId });
        // A booking whose answer was lost is found here and becomes the caller's to manage.
        await adoptLostBookings(ctx, patient.patientId, appointments);
        return appointments.map((a) => appointmentView(a, patient, now));
      }),
    );
    const views: AppointmentView[] = lists.flat();
    const upcoming = (a: AppointmentView) => isActiveAppointment(a) && slotStart(a.date, a.endTime) > now;
    const at = (a: AppointmentView) => slotStart(a.date, a.startTime);
    // Upcoming soonest first, then the past and the cancelled, newest first.
    const ordered = [...views.filter(upcoming).sort((a, b) => at(a) - at(b)), ...views.filter((a) => !upcoming(a)).sort((a, b) => at(b) - at(a))];
    return { appointments: ordered };
  },
};
