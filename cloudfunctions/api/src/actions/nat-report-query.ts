/**
 * `nat.reportQuery`: a companion's test results by name and ID number plus the code the hospital sent
 * (`nat.sendCode {name, idCardNo}`) to the phone given at application — never by knowing the name
 * and ID alone: a wrong or missing code finds nothing (the hospital's neutral refusal). Results pass
 * through, never stored.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { parseIdCard } from '../../../../miniprogram/core/idcard';
import { SMS_CODE_PATTERN, SMS_CODE_REFUSAL } from '../../../../miniprogram/core/verification';
import type { ActionDefinition } from '../action';
import { callerOf } from './identity';
import { nameRefusal, normalizeName } from './patients';

export const natReportQuery: ActionDefinition<'nat.reportQuery', 'account'> = {
  schema: {
    name: { type: 'string', label: '姓名', required: true, check: (v) => nameRefusal(v) },
    idCardNo: { type: 'string', label: '身份证号', required: true, maxLength: 18 },
    challengeId: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
    smsCode: { type: 'string', label: '短信验证码', required: true, check: (v) => (SMS_CODE_PATTERN.test(v) ? undefined : SMS_CODE_REFUSAL) },
  },
  // 'account', not 'public': personal data, found only with a code sent to this caller.
  scope: 'account',
  async handler(ctx, input) {
    const idCard = parseIdCard(input.idCardNo, ctx.clock());
    if (!idCard.ok) throw new AppError('INVALID_INPUT', idCard.message, 'idCardNo');
    return ctx.frontMachine.call('nat.report', {
      caller: callerOf(ctx.idHmacKey, ctx.openid),
      name: normalizeName(input.name),
      idCardNo: idCard.value.idCardNo,
      challengeId: input.challengeId,
      code: input.smsCode,
    });
  },
};
