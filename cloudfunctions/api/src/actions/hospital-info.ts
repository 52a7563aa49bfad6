/** `hospital.info`: the hospital's profile, mapped field by field so nothing extra leaks through. */
import type { ActionDefinition } from '../action';
import { staleMark } from '../../../common/stale';

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
      ...(h.notice === undefined ? {} : { notice: h.notice }),
      ...(h.location === undefined ? {} : { location: { latitude: h.location.latitude, longitude: h.location.longitude } }),
      ...staleMark(h),
    };
  },
};
