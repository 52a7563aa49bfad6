/**
 * Scope resolution (docs/architecture.md#trust, OWASP API1): before any handler, and so before any hospital
 * call, the router turns an action's declared scope into the context its handler gets. An object
 * the caller does not own is FORBIDDEN with no data, whether it exists or not.
 */
import type { AccountDoc } from '../../../typings/db';
import type { Failure } from '../../../typings/result';
import { fail } from '../../../miniprogram/core/errors';
import type { AccountStore } from '../../common/accounts';
import type { AccountContext, ActionContext, BookingContext, OrderContext, PatientContext, StayContext } from './action';

/** The message of a patient the caller may not reach (not bound, someone else's, or no such patient). */
export const PATIENT_FORBIDDEN = '无权访问该就诊人信息';

/** The message of an order the caller may not reach (someone else's, or no such order). */
export const ORDER_FORBIDDEN = '无权查看该订单';

/** The message of an appointment the caller may not reach (someone else's, or no such appointment). */
export const APPOINTMENT_FORBIDDEN = '无权访问该预约';

/** The message of a registration the caller may not reach (someone else's, or no such registration). */
export const REGISTRATION_FORBIDDEN = '无权访问该挂号记录';

/** The message of a stay the caller may not reach (not bound, another patient's, or no such stay). */
export const STAY_FORBIDDEN = '无权访问该住院记录';

export type Resolved = { ok: true; ctx: ActionContext | AccountContext | PatientContext | OrderContext | BookingContext | StayContext } | Failure;

function accountContext(base: ActionContext, accounts: AccountStore, account: AccountDoc | null): AccountContext {
  return {
    ...base,
    account,
    // Bound to the caller's openid here, so no handler can name another account.
    updateAccount: (decide) => accounts.update(base.openid, base.clock(), decide),
  };
}

/** A scope is 'public', 'account' or a one-key object naming its kind; anything else is refused. */
function objectScopeKind(scope: unknown): { kind: string; field: unknown } | undefined {
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) return undefined;
  const keys = Object.keys(scope);
  if (keys.length !== 1) return undefined;
  const kind = keys[0] as string;
  return { kind, field: (scope as Record<string, unknown>)[kind] };
}

/**
 * Resolves `scope` for a validated `input`. Unknown scope shapes fail closed (FORBIDDEN), so an
 * action whose scope this router cannot check never runs.
 */
export async function resolveScope(scope: unknown, input: unknown, base: ActionContext, accounts: AccountStore): Promise<Resolved> {
  if (scope === 'public') return { ok: true, ctx: base };
  if (scope === 'account') return { ok: true, ctx: accountContext(base, accounts, await accounts.load(base.openid)) };
  const object = objectScopeKind(scope);
  if (object?.kind === 'patient' && typeof object.field === 'string') {
    const field = object.field;
    const ref = (input as Record<string, unknown>)[field];
    if (typeof ref !== 'string' || ref === '') return fail('FORBIDDEN', PATIENT_FORBIDDEN, field);
    const account = await accounts.load(base.openid);
    const patient = account?.patients.find((p) => p.patientId === ref);
    if (!account || !patient) return fail('FORBIDDEN', PATIENT_FORBIDDEN, field);
    const ctx: PatientContext = { ...accountContext(base, accounts, account), account, patient };
    return { ok: true, ctx };
  }
  if (object?.kind === 'order' && typeof object.field === 'string') {
    const field = object.field;
    const ref = (input as Record<string, unknown>)[field];
    if (typeof ref !== 'string' || ref === '') return fail('FORBIDDEN', ORDER_FORBIDDEN, field);
    const order = await base.payments.ledger.get(ref);
    // Someone else's order and no order at all answer alike, so existence is not revealed.
    if (!order || order.openid !== base.openid) return fail('FORBIDDEN', ORDER_FORBIDDEN, field);
    const ctx: OrderContext = { ...accountContext(base, accounts, await accounts.load(base.openid)), order };
    return { ok: true, ctx };
  }
  if ((object?.kind === 'appointment' || object?.kind === 'registration') && typeof object.field === 'string') {
    const { kind, field } = object;
    const message = kind === 'appointment' ? APPOINTMENT_FORBIDDEN : REGISTRATION_FORBIDDEN;
    const ref = (input as Record<string, unknown>)[field];
    if (typeof ref !== 'string' || ref === '') return fail('FORBIDDEN', message, field);
    const booking = await base.bookings.get(kind, ref);
    const account = booking ? await accounts.load(base.openid) : null;
    // The booking's patient must be bound to the caller now (a shared child's guardians both reach it);
    // someone else's and no such booking answer alike, so existence is not revealed.
    const patient = account?.patients.find((p) => p.patientId === booking?.patientId);
    if (!booking || !account || !patient) return fail('FORBIDDEN', message, field);
    const ctx: BookingContext = { ...accountContext(base, accounts, account), account, booking, patient };
    return { ok: true, ctx };
  }
  if (object?.kind === 'stay' && typeof object.field === 'string') {
    const field = object.field;
    const ref = (input as Record<string, unknown>)[field];
    if (typeof ref !== 'string' || ref === '') return fail('FORBIDDEN', STAY_FORBIDDEN, field);
    const stay = await base.stays.get(ref);
    const account = stay ? await accounts.load(base.openid) : null;
    // The stay's patient must be bound to the caller now, and be the patient the request names (if it names one);
    // someone else's, another patient's and no such stay answer alike.
    const patient = account?.patients.find((p) => p.patientId === stay?.patientId);
    const named = (input as Record<string, unknown>).patientId;
    if (!stay || !account || !patient || (named !== undefined && named !== stay.patientId)) return fail('FORBIDDEN', STAY_FORBIDDEN, field);
    const ctx: StayContext = { ...accountContext(base, accounts, account), account, stay, patient };
    return { ok: true, ctx };
  }
  return fail('FORBIDDEN');
}
