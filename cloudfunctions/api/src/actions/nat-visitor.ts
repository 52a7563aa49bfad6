/**
 * A companion or visitor who is no patient, for `nat.apply`: name, ID number and a phone proven by
 * the hospital's SMS code (`nat.sendCode {phone}` first), checked and used up at the hospital
 * (`phone.verify`) before anything is applied for.
 */
import type { NatApplyRequest, NatPerson } from '../../../../typings/services';
import { AppError } from '../../../../miniprogram/core/errors';
import { parseIdCard } from '../../../../miniprogram/core/idcard';
import { normalizeMobile } from '../../../../miniprogram/core/phone';
import { SMS_CODE_PATTERN, SMS_CODE_REFUSAL } from '../../../../miniprogram/core/verification';
import type { StringRule } from '../../../../miniprogram/core/validate';
import type { AccountContext } from '../action';
import { callerOf } from './identity';
import { nameRefusal, normalizeName, phoneRefusal } from './patients';

export const VISITOR_FIELDS: Record<'name' | 'idCardNo' | 'phone' | 'challengeId' | 'smsCode', StringRule> = {
  name: { type: 'string', label: '姓名', check: (v) => nameRefusal(v) },
  idCardNo: { type: 'string', label: '身份证号', maxLength: 18 },
  phone: { type: 'string', label: '手机号', check: phoneRefusal },
  challengeId: { type: 'string', label: '验证编号', pattern: /^[A-Za-z0-9]{1,40}$/ },
  smsCode: { type: 'string', label: '短信验证码', check: (v) => (SMS_CODE_PATTERN.test(v) ? undefined : SMS_CODE_REFUSAL) },
};

/** The visitor, with the phone proven at the hospital; a wrong code is the hospital's neutral RULE_VIOLATION. */
export async function proveVisitor(ctx: AccountContext, input: NatApplyRequest): Promise<NatPerson> {
  const missing = (['name', 'idCardNo', 'phone', 'challengeId', 'smsCode'] as const).find((f) => input[f] === undefined);
  if (missing !== undefined) {
    const label = VISITOR_FIELDS[missing].label;
    throw new AppError('INVALID_INPUT', missing === 'name' ? '请选择就诊人，或填写受检人姓名' : missing === 'challengeId' ? '请先获取短信验证码' : `请填写${label}`, missing);
  }
  const idCard = parseIdCard(input.idCardNo as string, ctx.clock());
  if (!idCard.ok) throw new AppError('INVALID_INPUT', idCard.message, 'idCardNo');
  const phone = normalizeMobile(input.phone as string) as string;
  await ctx.frontMachine.call('phone.verify', { caller: callerOf(ctx.idHmacKey, ctx.openid), challengeId: input.challengeId as string, phone, code: input.smsCode as string });
  return { name: normalizeName(input.name as string), idCardNo: idCard.value.idCardNo, phone };
}
