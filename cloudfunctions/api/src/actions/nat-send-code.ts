/**
 * `nat.sendCode`: an SMS code from the hospital, through the same mechanism as binding (codes made
 * and checked at the hospital, bound to the caller): `{phone}` proves a visitor's typed phone before
 * `nat.apply`; `{name, idCardNo}` sends to the phone given at that person's application before
 * `nat.reportQuery` (nowhere when there is none — the answer is the same). Counted against the
 * account's daily sends.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { parseIdCard } from '../../../../miniprogram/core/idcard';
import { normalizeMobile } from '../../../../miniprogram/core/phone';
import { SENDS_PER_ACCOUNT_PER_DAY } from '../../../../miniprogram/core/verification';
import type { ActionDefinition } from '../action';
import { callerOf } from './identity';
import { nameRefusal, normalizeName, phoneRefusal } from './patients';

const DAY_MS = 24 * 3_600_000;

export const natSendCode: ActionDefinition<'nat.sendCode', 'account'> = {
  schema: {
    phone: { type: 'string', label: '手机号', check: phoneRefusal },
    name: { type: 'string', label: '姓名', check: (v) => nameRefusal(v) },
    idCardNo: { type: 'string', label: '身份证号', maxLength: 18 },
  },
  scope: 'account',
  async handler(ctx, input) {
    const forPhone = input.phone !== undefined;
    if (forPhone === (input.name !== undefined || input.idCardNo !== undefined)) throw new AppError('INVALID_INPUT', '请填写手机号，或填写受检人姓名和身份证号', 'phone');
    let report: { name: string; idCardNo: string } | undefined;
    if (!forPhone) {
      if (input.name === undefined) throw new AppError('INVALID_INPUT', '请填写姓名', 'name');
      const idCard = parseIdCard(input.idCardNo ?? '', ctx.clock());
      if (!idCard.ok) throw new AppError('INVALID_INPUT', idCard.message, 'idCardNo');
      report = { name: normalizeName(input.name), idCardNo: idCard.value.idCardNo };
    }
    // Counted before the hospital call, so concurrent taps cannot pass the limit.
    await ctx.identity.take(ctx.openid, 'sends', SENDS_PER_ACCOUNT_PER_DAY, DAY_MS, ctx.clock(), '今日获取验证码次数已达上限');
    const caller = callerOf(ctx.idHmacKey, ctx.openid);
    if (report !== undefined) return ctx.frontMachine.call('nat.reportCode', { caller, ...report });
    return ctx.frontMachine.call('phone.sendCode', { caller, phone: normalizeMobile(input.phone as string) as string });
  },
};
