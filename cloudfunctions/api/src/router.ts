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
import { reportGet } from './actions/report-get';
import { reportList } from './actions/report-list';
import { reportTrend } from './actions/report-trend';
import { visitGet } from './actions/visit-get';
import { visitList } from './actions/visit-list';
import { inpatientBind } from './actions/inpatient-bind';
import { inpatientDaily } from './actions/inpatient-daily';
import { inpatientDeposit } from './actions/inpatient-deposit';
import { inpatientList } from './actions/inpatient-list';
import { type StayIndex } from '../../common/inpatient/stay-index';
// After the visit (issue 15): tests, surveys, e-invoices.
import { natApply } from './actions/nat-apply';
import { natList } from './actions/nat-list';
import { natReportQuery } from './actions/nat-report-query';
import { natSendCode } from './actions/nat-send-code';
import { natTerms } from './actions/nat-terms';
import { surveyGet } from './actions/survey-get';
import { surveyPending } from './actions/survey-pending';
import { surveySubmit } from './actions/survey-submit';
import { invoiceDownload } from './actions/invoice-download';
import { invoiceList } from './actions/invoice-list';
import { messageList, messageRead, subscribeRecord, subscribeTemplates } from './actions/push';
import { resolveScope } from './scopes';
import { isCloudUnavailable } from '../../common/cloud-errors';
import type { IdentityStore } from '../../common/identity/store';
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
  // After the visit (issue 15): tests (核酸), surveys (满意度调查), e-invoices (电子票据).
  'nat.terms': natTerms,
  'nat.apply': natApply,
  'nat.list': natList,
  'nat.sendCode': natSendCode,
  'nat.reportQuery': natReportQuery,
  'survey.pending': surveyPending,
  'survey.get': surveyGet,
  'survey.submit': surveySubmit,
  'invoice.list': invoiceList,
  'invoice.download': invoiceDownload,
  // push: consents and 消息中心
  'subscribe.templates': subscribeTemplates,
  'subscribe.record': subscribeRecord,
  'message.list': messageList,
  'message.read': messageRead,
  // Identity: binding proves possession, privacy consent.
  'patient.sendCode': patientSendCode,
  'privacy.get': privacyGet,
  'privacy.consent': privacyConsent,
  // Records and reports (issue 13).
  'visit.list': visitList,
  'visit.get': visitGet,
  'report.list': reportList,
  'report.get': reportGet,
  'report.trend': reportTrend,
  // Inpatient (住院)
  'inpatient.bind': inpatientBind,
  'inpatient.list': inpatientList,
  'inpatient.daily': inpatientDaily,
  'inpatient.deposit': inpatientDeposit,
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
  /** Binding's counters and challenges, the privacy consent (no personal data). */
  identity: IdentityStore;
  /** Bound stays (`stays/<stayId>`), against which `{stay}` scopes are resolved. */
  stays: StayIndex;
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
  const base: ActionContext = { openid: deps.openid, clock: deps.clock, frontMachine: deps.frontMachine, log, idHmacKey: deps.idHmacKey, payments, bookings: deps.payments.bookings, identity: deps.identity, stays: deps.stays };
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
