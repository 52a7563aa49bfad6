/** `hospital.info`: the hospital's profile, mapped field by field so nothing extra leaks through. */
import type { ActionDefinition } from '../action';

export const hospitalInfo: ActionDefinition<'hospital.info'> = {
  schema: {},
  scope: 'public',
  async handler(ctx) {
    const h = await ctx.frontMachine.call('hospital.info', {});
    const r = h.bookingRules;
    return {
      name: h.name,
      level: h.level,
      address: h.address,
      phone: h.phone,
      intro: h.intro,
      hours: h.hours,
      traffic: h.traffic,
      bookingRules: { payAtBooking: r.payAtBooking, maxActiveAppointments: r.maxActiveAppointments, holdMinutes: r.holdMinutes },
    };
  },
};
