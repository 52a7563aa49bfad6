/** `hospital.info`: the hospital's profile, mapped field by field so nothing extra leaks through. */
import type { ActionDefinition } from '../action';

export const hospitalInfo: ActionDefinition<'hospital.info'> = {
  schema: {},
  scope: 'public',
  async handler(ctx) {
    const h = await ctx.frontMachine.call('hospital.info', {});
    return { name: h.name, level: h.level, address: h.address, phone: h.phone, intro: h.intro, hours: h.hours, traffic: h.traffic };
  },
};
