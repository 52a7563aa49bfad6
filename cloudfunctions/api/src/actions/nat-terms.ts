/** `nat.terms`: the hospital's test prices and whether the fee is paid online or at the sampling point. */
import type { ActionDefinition } from '../action';

export const natTerms: ActionDefinition<'nat.terms', 'public'> = {
  schema: {},
  scope: 'public',
  async handler(ctx) {
    return ctx.frontMachine.call('nat.terms', {});
  },
};
