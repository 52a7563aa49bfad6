/** Building failures of the API contract, with the patient-facing Chinese text in one place. */
import type { ErrorCode, Failure } from '../../typings/result';

/** What the patient reads when nothing more specific applies. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '输入有误，请检查后重试',
  UNAUTHENTICATED: '登录已失效，请重新打开小程序',
  FORBIDDEN: '无权访问该信息',
  NOT_FOUND: '未找到相关信息',
  CONFLICT: '操作冲突，请刷新后重试',
  SOLD_OUT: '号源已约满，请选择其他时段',
  RULE_VIOLATION: '不符合医院规定，无法办理',
  LIMIT_REACHED: '已达到数量上限',
  HOSPITAL_UNAVAILABLE: '医院系统暂时无法连接，请稍后再试',
  PAYMENT_PENDING: '支付结果确认中，请稍候',
  SERVICE_UNAVAILABLE: '服务繁忙，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

export function fail(code: ErrorCode, message?: string, field?: string): Failure {
  const failure: Failure = { ok: false, code, message: message ?? DEFAULT_MESSAGES[code] };
  if (field !== undefined) failure.field = field;
  return failure;
}

/** A failure carried as an exception through layers that cannot return it (thrown, caught by the router). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
  }

  toFailure(): Failure {
    return fail(this.code, this.message, this.field);
  }
}
