import fc from 'fast-check';
import type { ApiResult } from '../../../typings/api';
import { AppError } from '../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../miniprogram/core/time';
import { createLogger } from '../../common/logger';
import { stubFrontMachine, type StubFrontMachine } from '../../testing/stub-front-machine';
import { cloudAccountStore } from '../../common/accounts';
import { actions, dispatch, type RouterDeps } from './router';
import type { ActionTable } from './action';
import { accountDatabase, harness, TEST_ID_HMAC_KEY, testPaymentPorts, testStayIndex, testIdentityStore } from '../../testing/harness';
import { idCard } from '../../testing/patient-hospital';

const HAN = /[\u4e00-\u9fff]/;
const NOW = hospitalInstant('2026-03-09 10:00:00');

function happyFrontMachine(): StubFrontMachine {
  const dept = { deptId: 'D01', name: '儿内科', parentId: null, intro: '', location: '门诊楼2楼' };
  const doctor = { doctorId: 'DR1', name: '王医生', title: '主任医师', deptId: 'D01', deptName: '儿内科', specialty: '哮喘', fee: 2500 };
  return stubFrontMachine({
    'hospital.info': () => ({
      name: '示例儿童医院',
      level: '三级甲等',
      address: '',
      phone: '',
      intro: '',
      hours: '',
      traffic: '',
      bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
    }),
    'dept.list': () => ({ departments: [dept] }),
    'doctor.list': () => ({ doctors: [doctor] }),
    'doctor.get': () => ({ ...doctor, intro: '', gender: 'F' as const }),
    'schedule.list': () => ({ schedules: [] }),
  });
}

function deps(over: Partial<RouterDeps> = {}): RouterDeps {
  return {
    openid: 'o-test',
    clock: () => NOW,
    frontMachine: happyFrontMachine(),
    log: createLogger({ level: 'silent' }),
    accounts: cloudAccountStore(accountDatabase()),
    idHmacKey: TEST_ID_HMAC_KEY,
    payments: testPaymentPorts(),
    stays: testStayIndex(),
    identity: testIdentityStore(),
    ...over,
  };
}

function expectFailure(r: ApiResult, code: string, field?: string): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.code).toBe(code);
  expect(r.message).toMatch(HAN);
  if (field !== undefined) expect(r.field).toBe(field);
}

describe('identity', () => {
  test('no OPENID is UNAUTHENTICATED, before anything else', async () => {
    const fm = happyFrontMachine();
    expectFailure(await dispatch({ action: 'hospital.info', data: {} }, deps({ openid: undefined, frontMachine: fm })), 'UNAUTHENTICATED');
    expectFailure(await dispatch({ action: 'nope' }, deps({ openid: '' })), 'UNAUTHENTICATED');
    expect(fm.calls).toHaveLength(0);
  });
});

describe('action names', () => {
  test.each([
    ['unknown', { action: 'patient.hack', data: {} }],
    ['missing', { data: {} }],
    ['not a string', { action: 42 }],
    ['a prototype key', { action: 'constructor' }],
    ['__proto__', JSON.parse('{"action":"__proto__"}') as unknown],
    ['event not an object', 'hospital.info'],
    ['event null', null],
  ])('%s → INVALID_INPUT field action (未知的操作)', async (_name, event) => {
    const r = await dispatch(event, deps());
    expectFailure(r, 'INVALID_INPUT', 'action');
    expect(!r.ok && r.message).toBe('未知的操作');
  });
});

describe('validation', () => {
  test('missing required field', async () => {
    expectFailure(await dispatch({ action: 'slot.list', data: {} }, deps()), 'INVALID_INPUT', 'scheduleId');
    expectFailure(await dispatch({ action: 'doctor.get' }, deps()), 'INVALID_INPUT', 'doctorId');
  });

  test('ill-typed fields', async () => {
    expectFailure(await dispatch({ action: 'doctor.list', data: { deptId: 7 } }, deps()), 'INVALID_INPUT', 'deptId');
    expectFailure(await dispatch({ action: 'doctor.get', data: { doctorId: 'a b/..' } }, deps()), 'INVALID_INPUT', 'doctorId');
    expectFailure(await dispatch({ action: 'schedule.list', data: { deptId: 'D01', days: 1.5 } }, deps()), 'INVALID_INPUT', 'days');
    expectFailure(await dispatch({ action: 'schedule.list', data: { deptId: 'D01', days: 8 } }, deps()), 'INVALID_INPUT', 'days');
    expectFailure(await dispatch({ action: 'schedule.list', data: { deptId: 'D01', from: '2026-02-30' } }, deps()), 'INVALID_INPUT', 'from');
  });

  test('unknown extra field', async () => {
    expectFailure(await dispatch({ action: 'hospital.info', data: { openid: 'someone-else' } }, deps()), 'INVALID_INPUT', 'openid');
    expectFailure(await dispatch({ action: 'doctor.get', data: { doctorId: 'DR1', x: 1 } }, deps()), 'INVALID_INPUT', 'x');
  });

  test('data that is not an object', async () => {
    expectFailure(await dispatch({ action: 'hospital.info', data: [1] }, deps()), 'INVALID_INPUT', 'data');
    expectFailure(await dispatch({ action: 'hospital.info', data: 'x' }, deps()), 'INVALID_INPUT', 'data');
  });

  test('a refused input never reaches the front machine', async () => {
    const fm = happyFrontMachine();
    await dispatch({ action: 'doctor.list', data: { deptId: '../etc' } }, deps({ frontMachine: fm }));
    expect(fm.calls).toHaveLength(0);
  });

  test('extra top-level keys of the event (e.g. userInfo) are ignored', async () => {
    const r = await dispatch({ action: 'hospital.info', data: {}, userInfo: { openId: 'spoof' } }, deps());
    expect(r.ok).toBe(true);
  });
});

describe('handler outcomes', () => {
  test('success is {ok: true, data}', async () => {
    const r = await dispatch({ action: 'hospital.info' }, deps());
    expect(r).toMatchObject({ ok: true, data: { name: '示例儿童医院' } });
  });

  test('an AppError from the front machine passes through', async () => {
    const fm = stubFrontMachine({
      'doctor.get': () => {
        throw new AppError('NOT_FOUND', '未找到该医生', 'doctorId');
      },
    });
    expect(await dispatch({ action: 'doctor.get', data: { doctorId: 'X1' } }, deps({ frontMachine: fm }))).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: '未找到该医生',
      field: 'doctorId',
    });
  });

  test('any other error is INTERNAL, logged, and no stack reaches the client', async () => {
    const lines: string[] = [];
    const fm = stubFrontMachine({
      'hospital.info': () => {
        throw new TypeError("Cannot read properties of undefined (reading 'name')");
      },
    });
    const r = await dispatch({ action: 'hospital.info' }, deps({ frontMachine: fm, log: createLogger({ sink: (l) => lines.push(l) }) }));
    expect(r).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    expect(JSON.stringify(r)).not.toMatch(/at |TypeError/);
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes('TypeError'))).toBe(true);
  });

  test('the cloud busy (timeout, quota, a transaction conflict after its retries) is SERVICE_UNAVAILABLE, not INTERNAL', async () => {
    const busy = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg });
    const failing = (error: Error) => ({ ...cloudAccountStore(accountDatabase()), load: async () => Promise.reject(error) });
    for (const error of [
      busy(-501002, 'document.get:fail -501002 resource server timeout'),
      busy(-501004, 'document.get:fail -501004 exceed concurrent request limit'),
      busy(-502001, 'database.runTransaction:fail -502001 database request fail. [ResourceUnavailable.TransactionConflict] Transaction is conflict'),
    ]) {
      const lines: string[] = [];
      const r = await dispatch({ action: 'patient.list' }, deps({ accounts: failing(error), log: createLogger({ sink: (l) => lines.push(l) }) }));
      expect(r).toEqual({ ok: false, code: 'SERVICE_UNAVAILABLE', message: '服务繁忙，请稍后再试' });
      expect(lines.some((l) => l.includes('"level":"warn"') && l.includes('cloud unavailable'))).toBe(true);
    }
    // A duplicate key is the same code but our mistake where unhandled: still INTERNAL (a bug).
    const duplicate = busy(-502001, 'document.set:fail -502001 database request fail. E11000 duplicate key error');
    expect(await dispatch({ action: 'patient.list' }, deps({ accounts: failing(duplicate) }))).toMatchObject({ ok: false, code: 'INTERNAL' });
  });

  test('the caller openid is masked in logs', async () => {
    const lines: string[] = [];
    await dispatch({ action: 'hospital.info' }, deps({ openid: 'oPatientOpenId123', log: createLogger({ sink: (l) => lines.push(l) }) }));
    expect(lines.join('\n')).not.toContain('oPatientOpenId123');
  });
});

describe('the table', () => {
  test('every action declares a schema, a scope and a handler', () => {
    for (const [name, def] of Object.entries(actions as ActionTable)) {
      expect({ name, schema: typeof def.schema, handler: typeof def.handler }).toEqual({ name, schema: 'object', handler: 'function' });
      const scope: unknown = def.scope;
      expect(scope === 'public' || scope === 'account' || (typeof scope === 'object' && scope !== null && ['patient', 'order', 'appointment', 'registration', 'stay'].some((k) => typeof (scope as Record<string, unknown>)[k] === 'string'))).toBe(true);
      for (const rule of Object.values(def.schema)) expect(rule.label).toMatch(HAN);
    }
  });

  test('a scope the router does not know fails closed (FORBIDDEN), and its handler never runs', async () => {
    const handler = jest.fn(actions['doctor.get'].handler);
    for (const scope of [{ ward: 'doctorId' }, { patient: 'doctorId', order: 'doctorId' }, 'everyone', null, {}]) {
      const table = { ...actions, 'doctor.get': { ...actions['doctor.get'], scope, handler } } as unknown as ActionTable;
      expectFailure(await dispatch({ action: 'doctor.get', data: { doctorId: 'DR1' } }, deps(), table), 'FORBIDDEN');
    }
    expect(handler).not.toHaveBeenCalled();
  });

  test('a patient scope hands the handler the caller’s own binding and account, resolved by the router', async () => {
    const h = harness();
    const added = await h.bind('o-a', { name: '张小明', idCardNo: idCard('19800101'), phone: '13812345678', relation: '本人' });
    expect(added.ok).toBe(true);
    const patientId = added.ok ? added.data.patientId : '';
    const seen: unknown[] = [];
    const probe = { ...actions['patient.qrcode'], handler: async (ctx: { patient: unknown; account: unknown; openid: string }) => (seen.push(ctx), { code: 'x', expiresAt: 'y' }) };
    const table = { ...actions, 'patient.qrcode': probe } as unknown as ActionTable;
    const r = await dispatch({ action: 'patient.qrcode', data: { patientId } }, deps({ openid: 'o-a', accounts: h.accounts }), table);
    expect(r.ok).toBe(true);
    expect(seen[0]).toMatchObject({ openid: 'o-a', patient: { patientId, relation: '本人' }, account: { _id: 'o-a', patients: [{ patientId }] } });
  });

  test('public actions are the hospital information; the rest touch an account, a patient or an order', () => {
    const byScope = (kind: string) =>
      Object.entries(actions)
        .filter(([, d]) => (typeof d.scope === 'string' ? d.scope : Object.keys(d.scope)[0]) === kind)
        .map(([n]) => n)
        .sort();
    expect(byScope('public')).toEqual(['dept.list', 'doctor.get', 'doctor.list', 'hospital.info', 'nat.terms', 'schedule.list', 'slot.list']);
    expect(byScope('account')).toEqual(['appointment.list', 'message.list', 'message.read', 'nat.apply', 'nat.reportQuery', 'nat.sendCode', 'order.list', 'patient.add', 'patient.list', 'patient.sendCode', 'privacy.consent', 'privacy.get', 'registration.list', 'subscribe.record', 'subscribe.templates']);
    expect(byScope('patient')).toEqual(['appointment.create', 'bill.list', 'bill.pay', 'card.bind', 'cost.list', 'inpatient.bind', 'inpatient.list', 'invoice.download', 'invoice.list', 'nat.list', 'patient.qrcode', 'patient.remove', 'patient.setDefault', 'registration.create', 'report.get', 'report.list', 'report.trend', 'survey.get', 'survey.pending', 'survey.submit', 'visit.get', 'visit.list']);
    expect(byScope('order')).toEqual(['order.get']);
    expect(byScope('appointment')).toEqual(['appointment.cancel', 'appointment.pay', 'appointment.takeNumber']);
    expect(byScope('registration')).toEqual(['queue.status', 'registration.refund']);
    expect(byScope('stay')).toEqual(['inpatient.daily', 'inpatient.deposit']);
  });
});

describe('property: bad input never produces INTERNAL', () => {
  const anyAction = fc.oneof(fc.constantFrom(...Object.keys(actions), 'constructor', 'toString', '__proto__', ''), fc.string(), fc.anything());
  const anyData = fc.oneof(
    fc.anything(),
    fc.record({ deptId: fc.anything(), doctorId: fc.anything(), from: fc.anything(), days: fc.anything() }, { requiredKeys: [] }),
    fc.record(
      {
        deptId: fc.constantFrom('D01', 'X', ''),
        doctorId: fc.constantFrom('DR1', ''),
        from: fc.oneof(fc.constantFrom('2026-03-09', '2026-03-15', '2026-03-16', '2026-03-08'), fc.string()),
        days: fc.integer({ min: -2, max: 10 }),
      },
      { requiredKeys: [] },
    ),
  );

  test('every answer is a Result with a Chinese message, never INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(anyAction, anyData, async (action, data) => {
        const r = await dispatch({ action, data }, deps());
        if (!r.ok) {
          expect(r.code).not.toBe('INTERNAL');
          expect(r.message).toMatch(HAN);
          expect(typeof r.field).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });
});
