/**
 * What an action is: its input schema, whose data it touches (its scope), and its handler, all
 * typed against the public contract in typings/api.ts. The router resolves the scope before the
 * handler runs; the handler's context carries what the scope resolved to.
 */
import type { ActionName, ActionRequest, ActionResponse } from '../../../typings/api';
import type { AccountDoc, BookingIndexDoc, OrderDoc, PatientBinding } from '../../../typings/db';
import type { Clock } from '../../../miniprogram/core/time';
import type { FieldRule } from '../../../miniprogram/core/validate';
import type { AccountDecision } from '../../common/accounts';
import type { BookingIndex } from '../../common/booking/index-store';
import type { FrontMachineClient } from '../../common/frontmachine';
import type { IdentityStore } from '../../common/identity/store';
import type { Logger } from '../../common/logger';
import type { PaymentEngine } from '../../common/payments';

/** A request field that names an object: a required string field of the request. */
export type RefField<Req> = {
  [K in keyof Req]-?: undefined extends Req[K] ? never : Req[K] extends string ? K : never;
}[keyof Req] &
  string;

/** The request field naming one of the caller's patients; the router finds its binding or answers FORBIDDEN. */
export interface PatientScope<Req> {
  patient: RefField<Req>;
}

/** The request field naming one of the caller's orders (its outTradeNo); not the caller's → FORBIDDEN. */
export interface OrderScope<Req> {
  order: RefField<Req>;
}

/** The request field naming one of the caller's appointments (index `appointments/<id>`); not the caller's → FORBIDDEN. */
export interface AppointmentScope<Req> {
  appointment: RefField<Req>;
}

/** The request field naming one of the caller's registrations (index `registrations/<id>`); not the caller's → FORBIDDEN. */
export interface RegistrationScope<Req> {
  registration: RefField<Req>;
}

/**
 * Scopes naming an object the caller must own. Later objects (stay …) join this union as
 * `{stay: field}` etc., each with its resolver in scopes.ts.
 */
export type ObjectScope<Req> = PatientScope<Req> | OrderScope<Req> | AppointmentScope<Req> | RegistrationScope<Req>;

/**
 * Whose data an action touches:
 * - 'public': hospital information, anyone signed in may read it;
 * - 'account': the caller's own account (list or add patients), loaded by the router;
 * - an object scope, e.g. `{patient: 'patientId'}`: the router resolves the field against the
 *   caller's bindings before any hospital call; not the caller's → FORBIDDEN, no data.
 */
export type Scope<Req> = 'public' | 'account' | ObjectScope<Req>;

/** A rule for every field of the request, and no rule for a field the request does not have. */
export type SchemaFor<Req> = { [K in keyof Req]-?: FieldRule };

/** What every handler gets besides its validated input. */
export interface ActionContext {
  /** The caller, from cloud.getWXContext(): the only identity the router trusts. */
  openid: string;
  /** The business clock (hospital rules); see cloudfunctions/common/clock.ts. */
  clock: Clock;
  frontMachine: FrontMachineClient;
  log: Logger;
  /** Key of the ID-number HMAC (ID_HMAC_KEY). */
  idHmacKey: string;
  /** The payment engine (ledger, WeChat Pay, hospital confirmation). */
  payments: PaymentEngine;
  /** Who owns each appointment and registration. */
  bookings: BookingIndex;
  /** Binding's counters and challenges, the privacy consent (no personal data). */
  identity: IdentityStore;
}

/** An 'account' action's context: the caller's account and the one way to change it. */
export interface AccountContext extends ActionContext {
  /** The caller's account as the router loaded it; null before the first patient is bound. */
  account: AccountDoc | null;
  /**
   * Changes the caller's own account (and only it) in one transaction: `decide` sees the current
   * document and answers the new patient list, or a refusal that is thrown with nothing written.
   */
  updateAccount<T>(decide: (current: AccountDoc | null) => AccountDecision<T>): Promise<T>;
}

/** A patient-scoped action's context: the binding the router resolved (always the caller's). */
export interface PatientContext extends AccountContext {
  account: AccountDoc;
  patient: PatientBinding;
}

/** An order-scoped action's context: the order the router resolved (always the caller's) and the caller's account. */
export interface OrderContext extends AccountContext {
  order: OrderDoc;
}

/** An appointment- or registration-scoped action's context: the index document and the bound patient it names. */
export interface BookingContext extends AccountContext {
  account: AccountDoc;
  /** `appointments/<id>` or `registrations/<id>`: the caller's (or a patient bound to the caller's). */
  booking: BookingIndexDoc;
  patient: PatientBinding;
}

/** The context a handler gets for its scope. */
export type ContextFor<S> = S extends 'public'
  ? ActionContext
  : S extends 'account'
    ? AccountContext
    : S extends { patient: string }
      ? PatientContext
      : S extends { order: string }
        ? OrderContext
        : S extends { appointment: string } | { registration: string }
          ? BookingContext
          : never;

export interface ActionDefinition<A extends ActionName, S extends Scope<ActionRequest<A>> = Scope<ActionRequest<A>>> {
  schema: SchemaFor<ActionRequest<A>>;
  /** Required: the router will not run an action without a scope it knows how to resolve. */
  scope: S;
  /** Answers the response, or throws AppError for an expected failure. */
  handler(ctx: ContextFor<S>, input: ActionRequest<A>): Promise<ActionResponse<A>>;
}

/** One entry per public action: a missing action is a type error. */
export type ActionTable = { [A in ActionName]: ActionDefinition<A> };
