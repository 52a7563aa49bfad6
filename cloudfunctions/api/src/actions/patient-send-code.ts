/**
 * `patient.sendCode`: the first step of binding. The hospital makes the code and sends it to the
 * phone it has on file (the typed one for a person new to it, none when the record does not match —
 * the answer is the same); the cloud counts the account's sends and remembers only the challenge's
 * owner, the person's HMAC and its expiry.
 */
import { SENDS_PER_ACCOUNT_PER_DAY } from '../../../../miniprogram/core/verification';
import type { ActionDefinition } from '../action';
import { IDENTITY_SCHEMA, accountRefusal, callerOf, checkIdentity } from './identity';

const DAY_MS = 24 * 3_600_000;

export const patientSendCode: ActionDefinition<'patient.sendCode', 'account'> = {
  schema: IDENTITY_SCHEMA as ActionDefinition<'patient.sendCode', 'account'>['schema'],
  scope: 'account',
  async handler(ctx, input) {
    const { person, personHmac } = checkIdentity(input, ctx.clock(), ctx.idHmacKey);
    // Already bound here, or no room: said before any SMS is sent.
    const refusal = accountRefusal(ctx.account?.patients ?? [], undefined, personHmac);
    if (refusal) throw refusal;
    // Counted before the hospital call, so concurrent taps cannot pass the limit.
    await ctx.identity.take(ctx.openid, 'sends', SENDS_PER_ACCOUNT_PER_DAY, DAY_MS, ctx.clock(), '今日获取验证码次数已达上限');
    const challenge = await ctx.frontMachine.call('patient.sendCode', { ...person, caller: callerOf(ctx.idHmacKey, ctx.openid) });
    await ctx.identity.saveChallenge({ challengeId: challenge.challengeId, openid: ctx.openid, personHmac, expiresAt: Date.parse(challenge.expiresAt), createdAt: ctx.clock() });
    return challenge;
  },
};
