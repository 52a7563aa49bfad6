import type { ErrorCode } from '../../typings/result';
import { AppError, DEFAULT_MESSAGES, fail } from './errors';

const CODES: ErrorCode[] = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'SOLD_OUT', 'RULE_VIOLATION', 'LIMIT_REACHED', 'HOSPITAL_UNAVAILABLE', 'PAYMENT_PENDING', 'SERVICE_UNAVAILABLE', 'INTERNAL'];

describe('errors', () => {
  it('every code has a Chinese default message', () => {
    expect(Object.keys(DEFAULT_MESSAGES).sort()).toEqual([...CODES].sort());
    for (const code of CODES) expect(DEFAULT_MESSAGES[code]).toMatch(/^[\u4e00-\u9fff，。、]+$/);
  });

  it('fail uses the default message and leaves field out unless given', () => {
    const f = fail('NOT_FOUND');
    expect(f).toEqual({ ok: false, code: 'NOT_FOUND', message: '未找到相关信息' });
    expect(f).not.toHaveProperty('field');
    expect(fail('INVALID_INPUT', '请填写姓名', 'name')).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请填写姓名', field: 'name' });
  });

  it('AppError carries a failure through a throw', () => {
    const thrown = (() => {
      try {
        throw new AppError('SOLD_OUT');
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toBeInstanceOf(Error);
    const e = thrown as AppError;
    expect([e.name, e.code, e.message]).toEqual(['AppError', 'SOLD_OUT', '号源已约满，请选择其他时段']);
    expect(e.toFailure()).toEqual({ ok: false, code: 'SOLD_OUT', message: '号源已约满，请选择其他时段' });
    expect(new AppError('RULE_VIOLATION', '就诊当日不能在线取消', 'appointmentId').toFailure()).toEqual({
      ok: false,
      code: 'RULE_VIOLATION',
      message: '就诊当日不能在线取消',
      field: 'appointmentId',
    });
  });
});
