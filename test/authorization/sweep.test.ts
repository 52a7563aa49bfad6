/**
 * The authorization sweep (docs/architecture.md#trust, OWASP API1 / BOLA) over the `api` action table as
 * exported: every action declares a scope the router resolves; every action scoped to a patient,
 * called by account B with a patient bound to account A, is FORBIDDEN with no hospital call, no data
 * and no change. A new action joins the sweep by being in the table.
 */
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/core/privacy';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';
import type { PatientSendCodeResponse, PrivacyGetResponse } from '../../typings/patient';
import type { ActionName, ApiResult } from '../../typings/api';
import type { PatientAddResponse } from '../../typings/patient';
import { hospitalDate } from '../../miniprogram/core/time';
import { validate, type FieldRule, type Schema } from '../../miniprogram/core/validate';
import { idCard } from '../../cloudfunctions/testing/patient-hospital';
import type { ActionTable } from '../../cloudfunctions/api/src/action';
import { actions, dispatch } from '../../cloudfunctions/api/src/router';
import { APPOINTMENT_FORBIDDEN, ORDER_FORBIDDEN, PATIENT_FORBIDDEN, REGISTRATION_FORBIDDEN, STAY_FORBIDDEN } from '../../cloudfunctions/api/src/scopes';
import { cloudStayIndex, type StayDatabase } from '../../cloudfunctions/common/inpatient/stay-index';
import { database } from '../../sandbox/cloud/wx-server-sdk';
import type { BillPayResponse } from '../../typings/payment';
import { dataOf, expectFailure, harness, NOW, TEST_ID_HMAC_KEY, testStayIndex, testIdentityStore, type Harness } from '../../cloudfunctions/testing/harness';
import { createLogger } from '../../cloudfunctions/common/logger';

const HOSPITAL_INFORMATION = ['dept.list', 'doctor.get', 'doctor.list', 'hospital.info', 'nat.terms', 'schedule.list', 'slot.list'];

const table = actions as ActionTable;
const names = Object.keys(table) as ActionName[];

/** The object kind and request field of a scope, or undefined for 'public' / 'account'. */
function objectScope(scope: unknown): { kind: string; field: string } | undefined {
  if (typeof scope !== 'object' || scope === null) return undefined;
  const [kind, field] = Object.entries(scope)[0] ?? [];
  return kind !== undefined && typeof field === 'string' ? { kind, field } : undefined;
}

// ---- Valid inputs generated from each action's schema ---------------------------------------------

/** Values tried, in order, for a string field; the first its rule accepts is used. */
const STRING_CANDIDATES = ['P1001', 'D01', 'C00000001', '张小明', idCard('19800101', 123), '13812345678', hospitalDate(NOW)];

function sample(rule: FieldRule): unknown {
  switch (rule.type) {
    case 'string':
      return STRING_CANDIDATES.find(
        (v) => (rule.maxLength === undefined || v.length <= rule.maxLength) && (!rule.pattern || rule.pattern.test(v)) && rule.check?.(v) === undefined,
      );
    case 'int':
      return rule.min ?? 1;
    case 'date':
      return hospitalDate(NOW);
    case 'enum':
      return rule.values[0];
    case 'object':
      return sampleInput(rule.fields);
    case 'array':
      return [sample(rule.item)];
    case 'list':
      return [sampleInput(rule.fields)];
  }
}

/** Every required field (and every field of the scope) filled with a value its rule accepts. */
function sampleInput(schema: Schema, also: string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(schema)) if (rule.required || also.includes(name)) input[name] = sample(rule);
  return input;
}

// ---- The table -------------------------------------------------------------------------------------

describe('the table', () => {
  test('every action declares a scope the router resolves', () => {
    for (const name of names) {
      const scope: unknown = table[name].scope;
      const known = scope === 'public' || scope === 'account' || ['patient', 'order', 'appointment', 'registration', 'stay'].includes(objectScope(scope)?.kind ?? '');
      expect({ name, known }).toEqual({ name, known: true });
    }
  });

  test("'public' actions are exactly the hospital information", () => {
    expect(names.filter((n) => table[n].scope === 'public').sort()).toEqual(HOSPITAL_INFORMATION);
  });

  test('an object scope names a required field of the action’s schema', () => {
    for (const name of names) {
      const object = objectScope(table[name].scope);
      if (!object) continue;
      const rule = (table[name].schema as Schema)[object.field];
      expect({ name, field: object.field, required: rule?.required }).toEqual({ name, field: object.field, required: true });
    }
  });

  test('an action taking a patient id is scoped to that patient, or to a stay of that patient (an optional filter only on account actions, swept below)', () => {
    for (const name of names) {
      for (const [field, rule] of Object.entries(table[name].schema as Schema)) {
        if (!/patientId$/i.test(field)) continue;
        // The stay resolver also checks that the request's patientId is the stay's patient (swept below).
        if (field === 'patientId' && objectScope(table[name].scope)?.kind === 'stay') continue;
        if (!rule.required) expect({ name, scope: table[name].scope }).toEqual({ name, scope: 'account' });
        else expect({ name, scope: table[name].scope }).toEqual({ name, scope: { patient: field } });
      }
    }
  });

  test('an entry without a scope (or with one the router does not know) never runs', async () => {
    const h = harness();
    const added = dataOf<PatientAddResponse>(await h.bind('o-a', { name: '张小明', idCardNo: idCard('19800101'), phone: '13812345678', relation: '本人' }));
    h.fm.calls.length = 0;
    for (const scope of [undefined, 'patient', { appointment: 'patientId' }, { patient: 42 }, { patient: 'patientId', order: 'patientId' }]) {
      const handler = jest.fn(table['patient.qrcode'].handler);
      const broken = { ...table, 'patient.qrcode': { ...table['patient.qrcode'], scope, handler } } as unknown as ActionTable;
      const deps = { openid: 'o-a', clock: () => h.clock.now, frontMachine: h.fm, log: createLogger({ level: 'silent' }), accounts: h.accounts, idHmacKey: TEST_ID_HMAC_KEY, payments: h.ports, stays: testStayIndex(), identity: testIdentityStore() };
      const r = await dispatch({ action: 'patient.qrcode', data: { patientId: added.patientId } }, deps, broken);
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(handler).not.toHaveBeenCalled();
    }
    expect(h.fm.calls).toEqual([]);
  });
});

// ---- The sweep -------------------------------------------------------------------------------------

const objectScoped = names.filter((n) => objectScope(table[n].scope) !== undefined);

describe('the sweep: B reaching A’s patient', () => {
  let h: Harness;
  let patientOfA: string;
  let patientOfB: string;

  beforeEach(async () => {
    h = harness();
    patientOfA = dataOf<PatientAddResponse>(await h.bind('o-a', { name: '张小明', idCardNo: idCard('19800101', 123), phone: '13812345678', relation: '本人' })).patientId;
    patientOfB = dataOf<PatientAddResponse>(await h.bind('o-b', { name: '李小红', idCardNo: idCard('19850505', 246), phone: '13900001111', relation: '本人' })).patientId;
    // A's patient has a verified card, so a card action as A would succeed: only the scope refuses B.
    h.hospital.issueCard(patientOfA, 'verified');
    h.fm.calls.length = 0;
  });

  test('there is something to sweep', () => {
    expect(objectScoped.length).toBeGreaterThanOrEqual(4);
  });

  /** An order of `openid` for one new bill of `patientId`, made through bill.pay as the owner would. */
  async function orderOf(openid: string, patientId: string): Promise<string> {
    const [bill] = h.billing.visit(patientId, [1234]);
    return dataOf<BillPayResponse>(await h.call(openid, 'bill.pay', { patientId, billIds: [bill?.billId ?? ''] })).order.outTradeNo;
  }

  /**
   * A booking of `openid`'s patient as the index records it (the hospital keeps the booking itself;
   * the router decides on the index alone, before any hospital call).
   */
  async function bookingOf(kind: 'appointment' | 'registration', openid: string, patientId: string): Promise<string> {
    const id = `${kind === 'appointment' ? 'YY' : 'GH'}${openid.slice(2).toUpperCase()}1`;
    await h.ports.bookings.put(kind, { _id: id, openid, patientId, ...(kind === 'registration' ? { outTradeNo: await orderOf(openid, patientId) } : {}), createdAt: NOW });
    return id;
  }

  /** A stay of `openid`'s patient as inpatient.bind records it (ids only; the router decides on the index alone). */
  async function stayOf(openid: string, patientId: string): Promise<string> {
    const stayId = `ZY${openid.slice(2).toUpperCase()}1`;
    await cloudStayIndex(database({ throwOnNotFound: false }) as unknown as StayDatabase).put({ _id: stayId, openid, patientId, createdAt: NOW });
    return stayId;
  }

  async function refOf(kind: string, openid: string, patientId: string): Promise<string> {
    if (kind === 'patient') return patientId;
    if (kind === 'stay') return stayOf(openid, patientId);
    if (kind === 'order') return orderOf(openid, patientId);
    if (kind === 'appointment' || kind === 'registration') return bookingOf(kind, openid, patientId);
    throw new Error(`add a sweep fixture for '${kind}' scopes`);
  }

  const FORBIDDEN_MESSAGE: Record<string, string> = { patient: PATIENT_FORBIDDEN, order: ORDER_FORBIDDEN, appointment: APPOINTMENT_FORBIDDEN, registration: REGISTRATION_FORBIDDEN, stay: STAY_FORBIDDEN };
  const NOWHERE: Record<string, string> = { patient: 'P424242', order: 'BNOSUCHORDER', appointment: 'YY424242', registration: 'GH424242', stay: 'ZY424242' };

  test.each(objectScoped)('%s', async (name) => {
    const object = objectScope(table[name].scope);
    if (!object) throw new Error(`${name}: not object-scoped`);
    const refOfA = await refOf(object.kind, 'o-a', patientOfA);
    const refOfB = await refOf(object.kind, 'o-b', patientOfB);
    h.fm.calls.length = 0;
    h.payCalls.length = 0;
    // A stay-scoped request names the stay's patient too: the owner's, so only the caller differs.
    const owner = object.kind === 'stay' ? { patientId: patientOfA } : {};
    const input = { ...sampleInput(table[name].schema as Schema, [object.field]), ...owner, [object.field]: refOfA };
    // The generated input is valid, so a refusal below is the scope's, not the schema's.
    expect(validate(table[name].schema as Schema, input)).toMatchObject({ ok: true });

    const before = { a: await h.raw('o-a'), b: await h.raw('o-b'), orders: await h.ports.ledger.listByStatus(['created', 'paying', 'paid', 'confirmed', 'closed', 'refunding', 'refunded']) };
    for (const caller of ['o-b', 'o-stranger']) {
      const r: ApiResult = await h.call(caller, name, input);
      expect(r).toEqual({ ok: false, code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE[object.kind], field: object.field });
      expect('data' in r).toBe(false);
    }
    expect(h.fm.calls).toEqual([]);
    expect(h.payCalls).toEqual([]);
    const after = { a: await h.raw('o-a'), b: await h.raw('o-b'), orders: await h.ports.ledger.listByStatus(['created', 'paying', 'paid', 'confirmed', 'closed', 'refunding', 'refunded']) };
    expect(after).toEqual(before);
    expect(await h.raw('o-stranger')).toBeNull();

    // An object that does not exist at all answers the same, so existence is not revealed.
    expect(await h.call('o-b', name, { ...input, [object.field]: NOWHERE[object.kind] })).toEqual(await h.call('o-b', name, input));
    expect(h.fm.calls).toEqual([]);
    expect(h.payCalls).toEqual([]);

    // Control: the owner passes the scope (the same input is not refused as FORBIDDEN).
    const own = await h.call('o-a', name, input);
    if (!own.ok) expect(own.code).not.toBe('FORBIDDEN');
    // And B reaches their own object with the same action.
    const theirs = await h.call('o-b', name, { ...input, ...(object.kind === 'stay' ? { patientId: patientOfB } : {}), [object.field]: refOfB });
    if (!theirs.ok) expect(theirs.code).not.toBe('FORBIDDEN');
  });

  test('the payment actions are in the sweep', () => {
    for (const name of ['bill.list', 'bill.pay', 'cost.list', 'order.get'] as ActionName[]) expect(objectScoped).toContain(name);
  });

  test('the booking actions are in the sweep, with both new scopes', () => {
    for (const name of ['appointment.create', 'appointment.cancel', 'appointment.takeNumber', 'registration.create', 'registration.refund', 'queue.status'] as ActionName[]) {
      expect(objectScoped).toContain(name);
    }
    expect(objectScope(table['appointment.cancel'].scope)).toEqual({ kind: 'appointment', field: 'appointmentId' });
    expect(objectScope(table['registration.refund'].scope)).toEqual({ kind: 'registration', field: 'registrationId' });
  });

  test('the inpatient actions are in the sweep, stays with their own scope', () => {
    for (const name of ['inpatient.bind', 'inpatient.list', 'inpatient.daily', 'inpatient.deposit'] as ActionName[]) expect(objectScoped).toContain(name);
    expect(objectScope(table['inpatient.daily'].scope)).toEqual({ kind: 'stay', field: 'stayId' });
    expect(objectScope(table['inpatient.deposit'].scope)).toEqual({ kind: 'stay', field: 'stayId' });
  });

  test('a stay named with another patient of the same account (or B naming its own patient with A’s stay) is FORBIDDEN with no hospital call', async () => {
    const stayOfA = await stayOf('o-a', patientOfA);
    const second = dataOf<PatientAddResponse>(await h.bind('o-a', { name: '张小军', idCardNo: idCard('20150101', 246), phone: '13812345678', relation: '子女', guardian: { name: '张大山', idCardNo: idCard('19800101', 123) } })).patientId;
    h.fm.calls.length = 0;
    const refusal = { ok: false, code: 'FORBIDDEN', message: STAY_FORBIDDEN, field: 'stayId' };
    expect(await h.call('o-a', 'inpatient.daily', { patientId: second, stayId: stayOfA, date: hospitalDate(NOW) })).toEqual(refusal);
    expect(await h.call('o-a', 'inpatient.deposit', { patientId: second, stayId: stayOfA, amount: 100_000 })).toEqual(refusal);
    expect(await h.call('o-b', 'inpatient.deposit', { patientId: patientOfB, stayId: stayOfA, amount: 100_000 })).toEqual(refusal);
    expect(h.fm.calls).toEqual([]);
    expect(h.payCalls).toEqual([]);
  });

  test('appointment.list and registration.list filtered by another account’s patient are FORBIDDEN with no hospital call', async () => {
    for (const action of ['appointment.list', 'registration.list'] as const) {
      for (const patientId of [patientOfA, 'P424242']) {
        const r: ApiResult = await h.call('o-b', action, { patientId });
        expect(r).toEqual({ ok: false, code: 'FORBIDDEN', message: PATIENT_FORBIDDEN, field: 'patientId' });
      }
      // A stranger with no patients lists nothing and asks the hospital nothing.
      expect(await h.call('o-stranger', action, {})).toMatchObject({ ok: true });
    }
    expect(h.fm.calls).toEqual([]);
  });

  test('nat.apply for another account’s patient is FORBIDDEN with no hospital call, and no order', async () => {
    h.fm.calls.length = 0;
    h.payCalls.length = 0;
    for (const patientId of [patientOfA, 'P424242']) {
      const r: ApiResult = await h.call('o-b', 'nat.apply', { patientId, mode: 'single' });
      expect(r).toEqual({ ok: false, code: 'FORBIDDEN', message: PATIENT_FORBIDDEN, field: 'patientId' });
    }
    expect(h.fm.calls).toEqual([]);
    expect(h.payCalls).toEqual([]);
  });

  test('order.list filtered by another account’s patient is FORBIDDEN with no data; unfiltered it lists only the caller’s', async () => {
    const orderOfA = await orderOf('o-a', patientOfA);
    const orderOfB = await orderOf('o-b', patientOfB);
    h.fm.calls.length = 0;
    h.payCalls.length = 0;
    for (const patientId of [patientOfA, 'P424242']) {
      const r: ApiResult = await h.call('o-b', 'order.list', { patientId });
      expect(r).toEqual({ ok: false, code: 'FORBIDDEN', message: PATIENT_FORBIDDEN, field: 'patientId' });
    }
    const own = dataOf<{ orders: { outTradeNo: string }[] }>(await h.call('o-b', 'order.list', {}));
    expect(own.orders.map((o) => o.outTradeNo)).toEqual([orderOfB]);
    expect(dataOf<{ orders: { outTradeNo: string }[] }>(await h.call('o-stranger', 'order.list', {})).orders).toEqual([]);
    expect(own.orders.map((o) => o.outTradeNo)).not.toContain(orderOfA);
    expect(h.fm.calls).toEqual([]);
    expect(h.payCalls).toEqual([]);
  });

  test('the identity actions: B can neither use A’s challenge nor A’s consent, and learns nothing of A', async () => {
    for (const name of ['patient.sendCode', 'privacy.get', 'privacy.consent'] as const) expect(table[name].scope).toBe('account');
    const person = { name: '赵小军', idCardNo: idCard('19900909', 135), phone: '13700002222' };
    await h.call('o-a', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION });
    const sent = dataOf<PatientSendCodeResponse>(await h.call('o-a', 'patient.sendCode', person));
    const code = (await h.hospital.inbox(person.phone, sent.challengeId)) as string;
    h.fm.calls.length = 0;
    // B has not consented: A's consent is A's.
    expect(dataOf<PrivacyGetResponse>(await h.call('o-stranger', 'privacy.get', {})).consentedAt).toBeNull();
    expectFailure(await h.call('o-stranger', 'patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode: code }), 'RULE_VIOLATION', 'consent');
    // With consent, A's challenge and the right code still get B the neutral refusal, without reaching the hospital.
    await h.call('o-stranger', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION });
    expectFailure(await h.call('o-stranger', 'patient.add', { ...person, relation: '本人', challengeId: sent.challengeId, smsCode: code }), 'RULE_VIOLATION', undefined, NEUTRAL_REFUSAL);
    expect(h.fm.calls).toEqual([]);
    expect(dataOf<{ patients: unknown[] }>(await h.call('o-stranger', 'patient.list', {})).patients).toEqual([]);
    // A still binds with it.
    expect((await h.call('o-a', 'patient.add', { ...person, relation: '父母', challengeId: sent.challengeId, smsCode: code })).ok).toBe(true);
  });

  test('a patient bound to both accounts (a shared child) is reachable by each', async () => {
    const child = { name: '王小花', idCardNo: idCard('20180615', 246), phone: '13987654321', relation: '子女' as const, guardian: { name: '李秀英', idCardNo: idCard('19880312', 222) } };
    const a = dataOf<PatientAddResponse>(await h.bind('o-a', child));
    const b = dataOf<PatientAddResponse>(await h.bind('o-b', child));
    expect(b.patientId).toBe(a.patientId);
    for (const caller of ['o-a', 'o-b']) expect((await h.call(caller, 'patient.qrcode', { patientId: a.patientId })).ok).toBe(true);
  });
});
