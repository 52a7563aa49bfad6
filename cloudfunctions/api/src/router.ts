/**
 * The `api` router: a table from action name to {schema, scope, handler}. Every call goes through
 * identity, validation and authorization (the scope, resolved against the caller's own account)
 * before its handler; every answer is a Result.
 */
import type { ActionName, ApiResult } from '../../../typings/api';
import { AppError, fail } from '../../../miniprogram/core/errors';
import type { Clock } from '../../../miniprogram/core/time';
import { validate, type Schema } from '../../../miniprogram/core/validate';
import type { AccountStore } from '../../common/accounts';
import type { FrontMachineClient } from '../../common/frontmachine';
import type { Logger } from '../../common/logger';
import { createPaymentEngine, type PaymentPorts } from '../../common/payments';
import type { ActionContext, ActionTable } from './action';
import { billList } from './actions/bill-list';
import { billPay } from './actions/bill-pay';
import { cardBind } from './actions/card-bind';
import { costList } from './actions/cost-list';
import { deptList } from './actions/dept-list';
import { doctorGet } from './actions/doctor-get';
import { doctorList } from './actions/doctor-list';
import { hospitalInfo } from './actions/hospital-info';
import { orderGet } from './actions/order-get';
import { orderList } from './actions/order-list';
import { patientAdd } from './actions/patient-add';
import { patientList } from './actions/patient-list';
import { patientQrcode } from './actions/patient-qrcode';
import { patientRemove } from './actions/patient-remove';
import { patientSetDefault } from './actions/patient-set-default';
import { scheduleList } from './actions/schedule-list';
import { slotList } from './actions/slot-list';
import { appointmentCreate } from './actions/appointment-create';
import { appointmentList } from './actions/appointment-list';
import { appointmentCancel } from './actions/appointment-cancel';
import { appointmentPay } from './actions/appointment-pay';
import { appointmentTakeNumber } from './actions/appointment-take-number';
import { registrationCreate } from './actions/registration-create';
import { registrationList } from './actions/registration-list';
import { registrationRefund } from './actions/registration-refund';
import { queueStatus } from './actions/queue-status';
import { resolveScope } from './scopes';
import { isCloudUnavailable } from '../../common/cloud-errors';
import { defaultIdentityStore, type IdentityStore } from '../../common/identity/store';
import { patientSendCode } from './actions/patient-send-code';
import { privacyConsent, privacyGet } from './actions/privacy';

/** Every public action. Exported so tests can sweep it (validation, scopes, authorization). */
export const actions: ActionTable = {
  'hospital.info': hospitalInfo,
  'dept.list': deptList,
  'doctor.list': doctorList,
  'doctor.get': doctorGet,
  'schedule.list': scheduleList,
  'patient.add': patientAdd,
  'patient.list': patientList,
  'patient.remove': patientRemove,
  'patient.setDefault': patientSetDefault,
  'card.bind': cardBind,
  'patient.qrcode': patientQrcode,
  'bill.list': billList,
  'bill.pay': billPay,
  'order.get': orderGet,
  'order.list': orderList,
  'cost.list': costList,
  'slot.list': slotList,
  'appointment.create': appointmentCreate,
  'appointment.list': appointmentList,
  'appointment.cancel': appointmentCancel,
  'appointment.pay': appointmentPay,
  'appointment.takeNumber': appointmentTakeNumber,
  'registration.create': registrationCreate,
  'registration.list': registrationList,
  'registration.refund': registrationRefund,
  'queue.status': queueStatus,
  // Identity: binding proves possession, privacy consent.
  'patient.sendCode': patientSendCode,
  'privacy.get': privacyGet,
  'privacy.consent': privacyConsent,
};

export interface RouterDeps {
  /** From cloud.getWXContext(); undefined when the call did not come from a signed-in user. */
  openid: string | undefined;
  clock: Clock;
  frontMachine: FrontMachineClient;
  log: Logger;
  /** The `accounts` collection: the caller's bindings, against which scopes are resolved. */
  accounts: AccountStore;
  /** ID_HMAC_KEY (cloudfunctions/common/config.ts). */
  idHmacKey: string;
  /** The ledger, WeChat Pay and the payment configuration; the router adds the hospital, clock and log. */
  payments: PaymentPorts;
  /** Binding's counters and challenges, the privacy consent; default: this environment's database. */
  identity?: IdentityStore;
}

/** The table's entries seen without their per-action types, for dispatch. */
interface UntypedAction {
  schema: Schema;
  scope: unknown;
  handler(ctx: unknown, input: unknown): Promise<unknown>;
}

export function isActionName(name: unknown, table: ActionTable = actions): name is ActionName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name);
}

/** Handles one `{action, data}` event; never throws, never answers a stack trace. */
export async function dispatch(event: unknown, deps: RouterDeps, table: ActionTable = actions): Promise<ApiResult> {
  const started = Date.now();
  const action = event !== null && typeof event === 'object' ? (event as Record<string, unknown>).action : undefined;
  const log = deps.log.child({ action: typeof action === 'string' ? action.slice(0, 60) : undefined });
  const answer = (result: ApiResult): ApiResult => {
    const outcome = result.ok ? { ok: true } : { ok: false, code: result.code, field: result.field };
    log.info('api call', { ...outcome, openid: deps.openid, durationMs: Date.now() - started });
    return result;
  };

  if (!deps.openid) return answer(fail('UNAUTHENTICATED'));
  if (!isActionName(action, table)) return answer(fail('INVALID_INPUT', '未知的操作', 'action'));
  const def = table[action] as unknown as UntypedAction;
  const input = validate<unknown>(def.schema, (event as Record<string, unknown>).data);
  if (!input.ok) return answer(input);
  const payments = createPaymentEngine({ ...deps.payments, frontMachine: deps.frontMachine, clock: deps.clock, log });
  const base: ActionContext = { openid: deps.openid, clock: deps.clock, frontMachine: deps.frontMachine, log, idHmacKey: deps.idHmacKey, payments, bookings: deps.payments.bookings, identity: deps.identity ?? defaultIdentityStore() };
  try {
    // Authorization happens here, never in handlers: a handler only ever sees what its scope resolved to.
    const resolved = await resolveScope(def.scope, input.value, base, deps.accounts);
    if (!resolved.ok) return answer(resolved);
    const data = await def.handler(resolved.ctx, input.value);
    return answer({ ok: true, data } as ApiResult);
  } catch (e) {
    if (e instanceof AppError) return answer(e.toFailure());
    if (isCloudUnavailable(e)) {
      // The database or the environment's quota said "busy": nothing of ours is wrong, and nothing was half done (transactions).
      log.warn('cloud unavailable', { errCode: (e as { errCode: number }).errCode });
      return answer(fail('SERVICE_UNAVAILABLE'));
    }
    log.error('action failed unexpectedly (a bug)', { error: e });
    return answer(fail('INTERNAL'));
  }
}
