/** `doctor.get`: one doctor's profile; an unknown doctor is the front machine's NOT_FOUND (field doctorId). */
import { CODE_PATTERN } from '../../../../miniprogram/core/validate';
import type { ActionDefinition } from '../action';

export const doctorGet: ActionDefinition<'doctor.get'> = {
  schema: { doctorId: { type: 'string', label: '医生', required: true, pattern: CODE_PATTERN } },
  scope: 'public',
  async handler(ctx, { doctorId }) {
    return ctx.frontMachine.call('doctor.get', { doctorId });
  },
};
