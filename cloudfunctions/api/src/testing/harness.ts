/**
 * Test support for the `api` router: the emulated cloud database (fresh per harness), the
 * in-memory patient hospital behind a recording stub front machine, a captured log, and calls as
 * any openid. Never bundled.
 */
import type { ActionName, ActionRequest, ApiResult } from '../../../../typings/api';
import type { AccountDoc } from '../../../../typings/db';
import { hospitalInstant } from '../../../../miniprogram/core/time';
import { database, resetDatabase } from '../../../../sandbox/cloud/wx-server-sdk';
import { ACCOUNTS, cloudAccountStore, type AccountDatabase, type AccountStore } from '../../../common/accounts';
import { createLogger } from '../../../common/logger';
import { patientHospital, type PatientHospital } from '../../../common/testing/patient-hospital';
import { stubFrontMachine, type StubAnswers, type StubFrontMachine } from '../../../common/testing/stub-front-machine';
import type { ActionTable } from '../action';
import { actions, dispatch } from '../router';

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
}

export interface Harness {
  fm: StubFrontMachine;
  hospital: PatientHospital;
  accounts: AccountStore;
  /** Every log line written, as JSON text. */
  lines: string[];
  clock: { now: number };
  call<A extends ActionName>(openid: string, action: A, data: ActionRequest<A> | Record<string, unknown>): Promise<ApiResult<A>>;
  /** The stored document exactly as the database holds it, or null. */
  raw(openid: string): Promise<Record<string, unknown> | null>;
  /** Writes an account document directly (arranging a state). */
  put(account: AccountDoc): Promise<void>;
}

export function accountDatabase(): AccountDatabase {
  return database({ throwOnNotFound: false }) as unknown as AccountDatabase;
}

export function harness(opts: HarnessOptions = {}): Harness {
  resetDatabase();
  const clock = { now: opts.now ?? NOW };
  const hospital = patientHospital(() => clock.now);
  const fm = stubFrontMachine({ ...hospital.answers, ...opts.answers });
  const store = cloudAccountStore(accountDatabase());
  const accounts = opts.wrapAccounts ? opts.wrapAccounts(store) : store;
  const lines: string[] = [];
  const log = createLogger({ sink: (l) => lines.push(l) });
  return {
    fm,
    hospital,
    accounts,
    lines,
    clock,
    call: (openid, action, data) =>
      dispatch({ action, data }, { openid, clock: () => clock.now, frontMachine: fm, log, accounts, idHmacKey: TEST_ID_HMAC_KEY }, opts.table ?? actions) as Promise<
        ApiResult<typeof action>
      >,
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

/** The data of a success, or a thrown error naming the failure. */
export function dataOf<T>(r: ApiResult<ActionName> | { ok: true; data: T }): T {
  if (!r.ok) throw new Error(`expected success, got ${r.code} ${r.field ?? ''} ${r.message}`);
  return r.data as T;
}
