/**
 * Test support for the `api` router: the emulated cloud database (fresh per harness), the
 * in-memory patient hospital behind a recording stub front machine, a captured log, and calls as
 * any openid. Never bundled.
 */
import { cloudIdentityStore, type IdentityStore } from '../common/identity/store';
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import type { AccountDoc } from '../../typings/db';
import { hospitalInstant } from '../../miniprogram/core/time';
import { cloudPay, database, resetDatabase, runWithContext } from '../../sandbox/cloud/wx-server-sdk';
import { configureCloudPay, ManualScheduler, resetCloudPay } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { billingHospital, type BillingHospital } from './billing-hospital';
import {
  cloudOrderLedger,
  createPaymentEngine,
  DEV_CLOUD_ENV,
  DEV_SUB_MCH_ID,
  type JanitorReport,
  type NotifyAnswer,
  type PayGateway,
  type PaymentConfig,
  type PaymentEngine,
  type PaymentPorts,
} from '../common/payments';
import { handlePayNotify } from '../payNotify/src/notify';
import { COLLECTION_NAMES } from '../common/collections';
import { cloudBookingIndex } from '../common/booking/index-store';
import { cloudStayIndex, type StayIndex } from '../common/inpatient/stay-index';
import { ACCOUNTS, cloudAccountStore, type AccountDatabase, type AccountStore } from '../common/accounts';
import { createLogger, type Logger } from '../common/logger';
import { patientHospital, type PatientHospital } from './patient-hospital';
import { stubFrontMachine, type StubAnswers, type StubFrontMachine } from './stub-front-machine';
import type { ActionTable } from '../api/src/action';
import { actions, dispatch } from '../api/src/router';
import { bindPatient, type PersonToBind } from '../../scripts/bind-patient';

export const TEST_ID_HMAC_KEY = 'test-id-hmac-key';
/** 2026-03-09 10:00 in Shanghai. */
export const NOW = hospitalInstant('2026-03-09 10:00:00');

export interface HarnessOptions {
  now?: number;
  /** Extra or replacing front-machine answers (hospital information, failures). */
  answers?: StubAnswers;
  /** Wraps the account store (e.g. to fail a write once). */
  wrapAccounts?: (store: AccountStore) => AccountStore;
  table?: ActionTable;
  /** Payment configuration overrides (TTL, deadline). */
  paymentConfig?: Partial<PaymentConfig>;
}

/** Every cloudPay call the engine made, by method, with its parameters. */
export type PayCall = { method: keyof PayGateway; params: Record<string, unknown> };

export interface Harness {
  fm: StubFrontMachine;
  hospital: PatientHospital;
  accounts: AccountStore;
  /** Every log line written, as JSON text. */
  lines: string[];
  clock: { now: number };
  call<A extends ActionName>(openid: string, action: A, data: ActionRequest<A> | Record<string, unknown>): Promise<ApiResult<A>>;
  /** Binds a patient as the app does (consent → patient.sendCode → the code the SMS brought → patient.add). */
  bind(openid: string, person: PersonToBind | Record<string, unknown>): Promise<ApiResult<'patient.add'>>;
  /** The stored document exactly as the database holds it, or null. */
  raw(openid: string): Promise<Record<string, unknown> | null>;
  /** Writes an account document directly (arranging a state). */
  put(account: AccountDoc): Promise<void>;
  /** The hospital's billing desk (pending bills, confirmations, faults). */
  billing: BillingHospital;
  /** WeChat Pay's callbacks and refund settlements wait here until advanced. */
  scheduler: ManualScheduler;
  /** Every call to cloudPay the engine made. */
  payCalls: PayCall[];
  ports: PaymentPorts;
  log: Logger;
  /** A payment engine as the functions build it (stub hospital, test clock). */
  engine(): PaymentEngine;
  /** The payNotify function's handling of one event, as WeChat calls it. */
  notify(event: unknown): Promise<NotifyAnswer>;
  /** One janitor run. */
  janitor(owner?: string): Promise<JanitorReport>;
  /** Moves the business clock and WeChat's scheduler forward together, delivering what falls due. */
  advance(ms: number): Promise<void>;
}

export const TEST_PAYMENT_CONFIG: PaymentConfig = { subMchId: DEV_SUB_MCH_ID, envId: DEV_CLOUD_ENV, orderTtlMs: 10 * 60_000, confirmDeadlineMs: 30 * 60_000 };

/** The identity store over the emulated database, for tests that build RouterDeps by hand. */
export function testIdentityStore(): IdentityStore {
  return cloudIdentityStore(database({ throwOnNotFound: false }));
}

/** The stay index over the emulated database, for tests that build RouterDeps by hand. */
export function testStayIndex(): StayIndex {
  return cloudStayIndex(database({ throwOnNotFound: false }));
}

/** Payment ports over the emulated database and cloudPay, for tests that build RouterDeps by hand. */
export function testPaymentPorts(calls: PayCall[] = []): PaymentPorts {
  const db = database({ throwOnNotFound: false });
  return { ledger: cloudOrderLedger(db), pay: recordingPay(calls), config: TEST_PAYMENT_CONFIG, bookings: cloudBookingIndex(db) };
}

/** The emulated cloudPay, every call recorded. */
export function recordingPay(calls: PayCall[]): PayGateway {
  const real: PayGateway = cloudPay;
  const wrap =
    <M extends keyof PayGateway>(method: M) =>
    (params: Parameters<PayGateway[M]>[0]) => {
      calls.push({ method, params: { ...params } as Record<string, unknown> });
      return (real[method] as (p: typeof params) => ReturnType<PayGateway[M]>)(params);
    };
  return {
    unifiedOrder: wrap('unifiedOrder'),
    queryOrder: wrap('queryOrder'),
    closeOrder: wrap('closeOrder'),
    refund: wrap('refund'),
    queryRefund: wrap('queryRefund'),
    downloadBill: wrap('downloadBill'),
  };
}

export function accountDatabase(): AccountDatabase {
  return database({ throwOnNotFound: false });
}

export function harness(opts: HarnessOptions = {}): Harness {
  // The collections the cloud set-up step creates (common/collections.ts), nothing else.
  resetDatabase({ collections: COLLECTION_NAMES });
  resetCloudPay();
  const clock = { now: opts.now ?? NOW };
  const hospital = patientHospital(() => clock.now);
  const billing = billingHospital(() => clock.now);
  const fm = stubFrontMachine({ ...hospital.answers, ...billing.answers, ...opts.answers });
  const payCalls: PayCall[] = [];
  const ports: PaymentPorts = {
    ledger: cloudOrderLedger(database({ throwOnNotFound: false })),
    pay: recordingPay(payCalls),
    config: { ...TEST_PAYMENT_CONFIG, ...opts.paymentConfig },
    bookings: cloudBookingIndex(database({ throwOnNotFound: false })),
  };
  const scheduler = new ManualScheduler();
  const stays = cloudStayIndex(database({ throwOnNotFound: false }));
  const store = cloudAccountStore(accountDatabase());
  const accounts = opts.wrapAccounts ? opts.wrapAccounts(store) : store;
  const lines: string[] = [];
  const log = createLogger({ sink: (l) => lines.push(l) });
  const engine = () => createPaymentEngine({ ...ports, frontMachine: fm, clock: () => clock.now, log });
  const notify = (event: unknown) => runWithContext({ SOURCE: 'wx_paycallback' }, () => handlePayNotify(event, { SOURCE: 'wx_paycallback' }, engine(), log));
  configureCloudPay({ clock: () => clock.now, scheduler, invoke: (_name, event) => notify(event) });
  const call: Harness['call'] = (openid, action, data) =>
    dispatch({ action, data }, { openid, clock: () => clock.now, frontMachine: fm, log, accounts, idHmacKey: TEST_ID_HMAC_KEY, payments: ports, stays, identity: testIdentityStore() }, opts.table ?? actions) as Promise<
      ApiResult<typeof action>
    >;
  return {
    bind: (openid, person) => bindPatient((action, data) => call(openid, action, data), person as PersonToBind, hospital.inbox),
    billing,
    scheduler,
    payCalls,
    ports,
    log,
    engine,
    notify,
    janitor: (owner = 'janitor-test') => engine().runJanitor(owner),
    async advance(ms) {
      clock.now += ms;
      await scheduler.advance(ms);
    },
    fm,
    hospital,
    accounts,
    lines,
    clock,
    call,
    async raw(openid) {
      const { data } = await database({ throwOnNotFound: false }).collection(ACCOUNTS).doc(openid).get();
      return data as Record<string, unknown> | null;
    },
    async put(account) {
      const { _id, ...rest } = account;
      await database().collection(ACCOUNTS).doc(_id).set({ data: rest as unknown as Record<string, unknown> });
    },
  };
}

/** Asserts a failure with this code and field, a Chinese message, and this message when given. */
export function expectFailure(r: ApiResult, code: string, field: string | undefined, message?: string): void {
  if (r.ok) throw new Error(`expected ${code}, got success`);
  expect({ code: r.code, field: r.field }).toEqual({ code, field });
  expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  if (message !== undefined) expect(r.message).toBe(message);
}

/** The data of a success, or a thrown error naming the failure. */
export function dataOf<T>(r: ApiResult<ActionName> | { ok: true; data: T }): T {
  if (!r.ok) throw new Error(`expected success, got ${r.code} ${r.field ?? ''} ${r.message}`);
  return r.data as T;
}
