/**
 * `nat.reportQuery`: a companion's test results by name and ID number plus a code sent to the phone
 * given at application — never by knowing the name and ID alone. Results pass through, never stored.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import type { ActionDefinition } from '../action';

export const natReportQuery: ActionDefinition<'nat.reportQuery', 'account'> = {
  schema: {
    name: { type: 'string', label: '姓名', required: true, maxLength: 30 },
    idCardNo: { type: 'string', label: '身份证号', required: true, maxLength: 18 },
    challengeId: { type: 'string', label: '验证码编号', required: true, maxLength: 64 },
    smsCode: { type: 'string', label: '短信验证码', required: true, maxLength: 6 },
  },
  // 'account', not 'public': personal data, found only with a code, and limited per caller.
  scope: 'account',
  async handler() {
    // Until the hospital's verification codes land here, no code can be proven: nothing is found.
    throw new AppError('RULE_VIOLATION', '验证码无效或已过期，请重新获取', 'smsCode');
  },
};
