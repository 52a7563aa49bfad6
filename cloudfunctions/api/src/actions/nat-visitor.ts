/**
 * A companion or visitor who is no patient, for `nat.apply`: name, ID number and a phone proven by
 * an SMS code. Until the hospital's verification codes are merged here (branch identity), a visitor
 * application is refused: nothing is sent to the hospital without the phone proven.
 */
import type { NatApplyRequest, NatPerson } from '../../../../typings/services';
import { AppError } from '../../../../miniprogram/core/errors';
import type { StringRule } from '../../../../miniprogram/core/validate';
import type { AccountContext } from '../action';

export const VISITOR_FIELDS: Record<'name' | 'idCardNo' | 'phone' | 'challengeId' | 'smsCode', StringRule> = {
  name: { type: 'string', label: '姓名', maxLength: 30 },
  idCardNo: { type: 'string', label: '身份证号', maxLength: 18 },
  phone: { type: 'string', label: '手机号', maxLength: 20 },
  challengeId: { type: 'string', label: '验证码编号', maxLength: 64 },
  smsCode: { type: 'string', label: '短信验证码', maxLength: 6 },
};

export async function proveVisitor(_ctx: AccountContext, input: NatApplyRequest): Promise<NatPerson> {
  if (input.name === undefined) throw new AppError('INVALID_INPUT', '请选择就诊人，或填写受检人姓名', 'name');
  throw new AppError('RULE_VIOLATION', '暂不支持为非就诊人在线申请，请到采样点登记', 'name');
}
