/**
 * Shared set-up of the booking tests: the real sandbox hospital and the real front machine on random
 * ports, and the `api` router in-process over the emulated cloud DB and cloudPay, on one business
 * clock that the hospital's (frozen) clock follows. Patients, cards, sessions and paying as shortcuts.
 */
import { cloudStayIndex } from '../../cloudfunctions/common/inpatient/stay-index';
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import type { Schedule } from '../../typings/hospital';
import type { SlotListResponse } from '../../typings/booking';
import type { PatientAddResponse } from '../../typings/patient';
import type { DeptListResponse, ScheduleListResponse } from '../../typings/api';
import { idCard } from '../../cloudfunctions/testing/patient-hospital';
import { dateRange, hospitalDate } from '../../miniprogram/core/time';
import { database, resetDatabase, runWithContext } from '../../sandbox/cloud/wx-server-sdk';
import { configureCloudPay, ManualScheduler, payOrder, resetCloudPay } from '../../sandbox/cloud/wx-server-sdk/cloudpay';
import { startHospital, type RunningHospital } from '../../sandbox/hospital';
import { loadConfig, startFrontMachine } from '../../frontmachine/src';
import { bindPatient, sandboxInbox } from '../../scripts/bind-patient';
import { dispatch } from '../../cloudfunctions/api/src/router';
import { accountDatabase, recordingPay, TEST_ID_HMAC_KEY, TEST_PAYMENT_CONFIG, testIdentityStore, type PayCall } from '../../cloudfunctions/testing/harness';
import { cloudAccountStore } from '../../cloudfunctions/common/accounts';
import { cloudBookingIndex } from '../../cloudfunctions/common/booking/index-store';
import { createFrontMachineClient, type FrontMachineClient } from '../../cloudfunctions/common/frontmachine';
import { createLogger } from '../../cloudfunctions/common/logger';
import { cloudOrderLedger, createPaymentEngine, reconcile, type PaymentPorts, type ReconciliationReport } from '../../cloudfunctions/common/payments';
import { handlePayNotify } from '../../cloudfunctions/payNotify/src/notify';
import { COLLECTION_NAMES } from '../../cloudfunctions/common/collections';
import type { OperationName } from '../../typings/frontmachine';

export const MINUTE = 60_000;
const KEY = 'booking-test-hmac-key-0123456789abcdef';

export interface World {
  hospital: RunningHospital;
  /** Every front-machine operation the cloud called, in order. */
  fmCalls: OperationName[];
  payCalls: PayCall[];
  ports: PaymentPorts;
  now(): number;
  /** Sets the business clock and the hospital's clock to `ms` (frozen there). */
  setNow(ms: number): Promise<void>;
  /** Moves both clocks and WeChat's scheduler forward, delivering callbacks that fall due. */
  advance(ms: number): Promise<void>;
  call<A extends ActionName>(openid: string, action: A, data: ActionRequest<A> | Record<string, unknown>): Promise<ApiResult<A>>;
  /** A bound patient of `openid` (born `birth`), with a real-name verified card unless `card: false`. */
  patient(openid: string, seq: number, opts?: { card?: boolean }): Promise<string>;
  /** Open sessions with free slots on `date` (served through slot.list, so the cloud knows their slots). */
  sessionsOn(date: string): Promise<{ schedule: Schedule; free: string[] }[]>;
  /** The patient pays the order at WeChat; the callback is delivered. */
  pay(outTradeNo: string): Promise<void>;
  janitor(): Promise<unknown>;
  /** The daily reconciliation of `date` (WeChat's bill, the ledger, the hospital). */
  reconcile(date: string): Promise<ReconciliationReport>;
  /** POST a `/sandbox/` control of the hospital. */
  control(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function data<T>(r: ApiResult<ActionName>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.code} ${r.field ?? ''} ${r.message}`);
  return r.data as T;
}

/** A distinct valid ID number per `seq` (0 … 9999), adults born in the 1980s. */
export function idCardOf(seq: number): string {
  return idCard(`198${Math.floor(seq / 1000) % 10}0101`, (seq % 999) + 1);
}

/** `fmEnv` overrides the front machine's environment (e.g. a short HSB_TIMEOUT_MS for fault benches). */
export async function world(startAt: number, fmEnv: Record<string, string> = {}): Promise<World> {
  resetDatabase({ collections: COLLECTION_NAMES });
  resetCloudPay();
  const clock = { now: startAt };
  const hospital = await startHospital({ port: 0, dbPath: ':memory:', seed: 7, now: startAt, logger: false });
  hospital.hospital.clock.set(startAt, true);
  const fm = await startFrontMachine(
    loadConfig({ PALM_DEV: '1', FM_PORT: '0', FM_HMAC_KEY: KEY, HSB_URL: hospital.url, FM_STORE: ':memory:', LOG_LEVEL: 'silent', FM_SCHEDULE_TTL_S: '0', ...fmEnv }),
  );
  const log = createLogger({ level: 'silent' });
  const real = createFrontMachineClient({ frontMachineUrl: fm.url, frontMachineKey: KEY, frontMachineTimeoutMs: 15_000, idHmacKey: TEST_ID_HMAC_KEY }, log);
  const fmCalls: OperationName[] = [];
  const client: FrontMachineClient = {
    call: (op, req, opts) => {
      fmCalls.push(op);
      return real.call(op, req, opts);
    },
  };
  const payCalls: PayCall[] = [];
  const db = database({ throwOnNotFound: false });
  const ports: PaymentPorts = { ledger: cloudOrderLedger(db), pay: recordingPay(payCalls), config: TEST_PAYMENT_CONFIG, bookings: cloudBookingIndex(db) };
  const accounts = cloudAccountStore(accountDatabase());
  const stays = cloudStayIndex(db);
  const engine = () => createPaymentEngine({ ...ports, frontMachine: client, clock: () => clock.now, log });
  const scheduler = new ManualScheduler();
  configureCloudPay({ clock: () => clock.now, scheduler, invoke: (_name, event) => runWithContext({ SOURCE: 'wx_paycallback' }, () => handlePayNotify(event, { SOURCE: 'wx_paycallback' }, engine(), log)) });

  const bound = new Map<string, number>();
  const call: World['call'] = (openid, action, input) =>
    dispatch({ action, data: input }, { openid, clock: () => clock.now, frontMachine: client, log, accounts, idHmacKey: TEST_ID_HMAC_KEY, payments: ports, stays, identity: testIdentityStore() }) as Promise<ApiResult<typeof action>>;

  const control: World['control'] = async (path, body) => {
    const res = await fetch(`${hospital.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  const w: World = {
    hospital,
    fmCalls,
    payCalls,
    ports,
    now: () => clock.now,
    async setNow(ms) {
      clock.now = ms;
      hospital.hospital.clock.set(ms, true);
    },
    async advance(ms) {
      await w.setNow(clock.now + ms);
      await scheduler.advance(ms);
    },
    call,
    async patient(openid, seq, opts = {}) {
      const person = { name: `患者${String.fromCharCode(0x4e00 + seq)}`, idCardNo: idCardOf(seq), phone: `1381234${String(seq).padStart(4, '0')}` };
      // One 本人 per account; the account's further patients are 其他.
      const n = bound.get(openid) ?? 0;
      bound.set(openid, n + 1);
      const added = await bindPatient((action, input) => call(openid, action, input), { ...person, relation: n === 0 ? '本人' : '其他' }, sandboxInbox(hospital.url));
      const { patientId } = data<PatientAddResponse>(added);
      if (opts.card !== false) {
        const card = await control('/sandbox/cards', { idCardNo: person.idCardNo, name: person.name, phone: person.phone, verified: true });
        if (card.status !== 200) throw new Error(`card: ${JSON.stringify(card.json)}`);
        data(await call(openid, 'card.bind', { patientId, cardNo: card.json.cardNo as string }));
      }
      return patientId;
    },
    async sessionsOn(date) {
      const { groups } = data<DeptListResponse>(await call('o-browser', 'dept.list', {}));
      const out: { schedule: Schedule; free: string[] }[] = [];
      for (const dept of groups.flatMap((g) => g.children)) {
        const { schedules } = data<ScheduleListResponse>(await call('o-browser', 'schedule.list', { deptId: dept.deptId, from: date, days: 1 }));
        for (const s of schedules.filter((x) => x.date === date && x.status === 'open')) {
          const { slots } = data<SlotListResponse>(await call('o-browser', 'slot.list', { scheduleId: s.scheduleId }));
          const free = slots.filter((x) => x.available).map((x) => x.slotId);
          if (free.length > 0) out.push({ schedule: s, free });
        }
        if (out.length >= 6) break;
      }
      return out;
    },
    async pay(outTradeNo) {
      const outcome = await payOrder(outTradeNo);
      if (!outcome.ok) throw new Error(`pay ${outTradeNo}: ${JSON.stringify(outcome)}`);
      await scheduler.advance(0);
    },
    janitor: () => engine().runJanitor('janitor-test'),
    reconcile: (date) => reconcile({ ledger: ports.ledger, pay: ports.pay, frontMachine: client, config: ports.config, clock: () => clock.now, log, db }, date),
    control,
    async close() {
      resetCloudPay();
      await fm.close();
      await hospital.close();
    },
  };
  return w;
}

/** The dates from today on, as the hospital publishes them. */
export function daysFrom(now: number, n: number): string[] {
  return dateRange(hospitalDate(now), n);
}
