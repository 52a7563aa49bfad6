/**
 * `nat.apply`: a test (核酸) for a bound patient `{patientId, mode}`, or for a companion or visitor
 * who is no patient `{name, idCardNo, phone, mode, challengeId, smsCode}` with the phone proven by a
 * code. The hospital prices the mode and says where the fee is paid: online (an order through the
 * payment engine, confirmed by `nat.confirm`) or at the sampling point when the code is scanned.
 * An 'account' action: the optional patientId is checked against the caller's bindings here, before
 * any hospital call (the sweep covers it).
 */
import { randomUUID } from 'node:crypto';
import type { NatApplication } from '../../../../typings/services';
import { AppError } from '../../../../miniprogram/core/errors';
import type { AccountContext, ActionDefinition } from '../action';
import { PATIENT_FORBIDDEN } from '../scopes';
import { viewFor } from './payments';
import { PATIENT_ID_RULE } from './patients';
import { proveVisitor, VISITOR_FIELDS } from './nat-visitor';

export const natApply: ActionDefinition<'nat.apply', 'account'> = {
  schema: {
    mode: { type: 'enum', label: '检测方式', required: true, values: ['single', 'mixed'] },
    patientId: { ...PATIENT_ID_RULE, required: false },
    ...VISITOR_FIELDS,
  },
  scope: 'account',
  async handler(ctx, input) {
    const visitorFields = (['name', 'idCardNo', 'phone', 'challengeId', 'smsCode'] as const).filter((f) => input[f] !== undefined);
    let applied: { application: NatApplication; patientId: string };
    if (input.patientId !== undefined) {
      if (visitorFields.length > 0) throw new AppError('INVALID_INPUT', '为就诊人申请时无需填写受检人信息', visitorFields[0]);
      const patient = ctx.account?.patients.find((p) => p.patientId === input.patientId);
      if (patient === undefined) throw new AppError('FORBIDDEN', PATIENT_FORBIDDEN, 'patientId');
      // The hospital answers a live application of the same person and mode again, so a fresh key per tap is safe.
      applied = await ctx.frontMachine.call('nat.apply', { mode: input.mode, patientId: patient.patientId }, { idempotencyKey: randomUUID() });
    } else {
      const person = await proveVisitor(ctx, input);
      applied = await ctx.frontMachine.call('nat.apply', { mode: input.mode, person }, { idempotencyKey: randomUUID() });
    }
    return answer(ctx, applied);
  },
};

async function answer(ctx: AccountContext, { application, patientId }: { application: NatApplication; patientId: string }) {
  const base = { applicationId: application.applicationId, code: application.code, fee: application.fee, status: application.status, payMode: application.payMode };
  if (application.status !== 'unpaid') return base;
  // The fee is the hospital's, never the client's; the order is confirmed by nat.confirm once paid.
  const { order, payment } = await ctx.payments.payBooking({
    openid: ctx.openid,
    patientId,
    hospitalRef: { kind: 'test-application', applicationId: application.applicationId },
    amount: application.fee,
  });
  // A visitor is bound to no account: the order shows the hospital's masked name of the person tested.
  const view = viewFor(ctx.account, order);
  return { ...base, pay: { order: view.patientName === '' ? { ...view, patientName: application.personName } : view, payment } };
}
