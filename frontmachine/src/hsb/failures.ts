/**
 * HSB result codes → the contract's errors: what the patient reads for an unknown thing, a slot
 * taken first, a refused rule or a limit; anything else is HOSPITAL_UNAVAILABLE.
 */
import { HsbResultCode } from '../../../typings/hsb';
import { AppError } from '../../../miniprogram/core/errors';
import type { HsbReply } from './client';

/** What the patient reads when a code the HSB returned names nothing better. */
export const NOT_FOUND_MESSAGES: Record<string, string> = {
  deptId: '未找到该科室',
  doctorId: '未找到该医生',
  cardNo: '未找到该就诊卡',
  patientId: '未找到该就诊人',
  scheduleId: '未找到该排班',
  slotId: '未找到该号源',
  appointmentId: '未找到该预约',
  holdId: '未找到该锁号记录',
  registrationId: '未找到该挂号记录',
  // Records and reports (issue 13).
  visitId: '未找到该就诊记录',
  reportId: '未找到该报告',
  itemCode: '暂无该检验项目的结果',
  admissionNo: '未找到该住院记录，请核对住院号',
  stayId: '未找到该住院记录',
  applicationId: '未找到该检测申请',
  surveyId: '未找到该问卷',
  invoiceId: '未找到该电子票据',
};

/** What the patient reads when the slot was taken first (HSB 2002). */
export const SLOT_TAKEN_MESSAGE = '该时段已被预约，请选择其他时段';

/**
 * A 1001 of a call that names two things (a patient and a slot …) says in its message which one is
 * unknown; the patient is named 患者 by every HSB we know, so anything else is the other field.
 */
export function unknownOf(otherField: string): (message: string) => string {
  return (message) => (message.includes('患者') ? 'patientId' : otherField);
}

/**
 * The contract's error for a non-zero HSB result code; `field` is the request field a 1001 or 1002
 * concerns, `ruleField` the one a 2001 (business rule) does.
 */
export function failureOf(
  reply: Pick<HsbReply, 'resultCode' | 'resultMessage'>,
  field: string | undefined | ((message: string) => string),
  ruleField?: string,
): AppError {
  const said = reply.resultMessage.trim();
  if (typeof field === 'function') field = field(said);
  switch (reply.resultCode) {
    case HsbResultCode.NOT_FOUND:
      return new AppError('NOT_FOUND', said || (field !== undefined ? NOT_FOUND_MESSAGES[field] : undefined), field);
    case HsbResultCode.SLOT_TAKEN:
      // The hospital's wording varies; the patient always reads the same sentence.
      return new AppError('SOLD_OUT', SLOT_TAKEN_MESSAGE, 'slotId');
    case HsbResultCode.INVALID_PARAMETER:
      return new AppError('INVALID_INPUT', said || undefined, field);
    case HsbResultCode.BUSINESS_RULE:
      return new AppError('RULE_VIOLATION', said || undefined, ruleField);
    case HsbResultCode.LIMIT_REACHED:
      return new AppError('LIMIT_REACHED', said || undefined, ruleField);
    default:
      // 9999 and any code we do not know: the patient can only try again later.
      return new AppError('HOSPITAL_UNAVAILABLE');
  }
}
