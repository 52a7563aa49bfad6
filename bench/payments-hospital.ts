/**
 * Scenarios through the real layers for every hospital write that moves money (the api router and the
 * payment engine over the emulated cloud, the real front machine over HTTP, HSB XML, the sandbox
 * hospital): confirm bill (ConfirmPayment), confirm registration, 退号 (RefundRegistration), book
 * (BookAppointment, paid at booking), confirm appointment, cancel (CancelAppointment). Each write may
 * fail: `error` (answered, not applied), `timeout` (not applied, no answer), `late-commit` (applied,
 * no answer); WeChat's callbacks may come duplicated, late, out of order or never (`lost`). Deposits
 * join this table when their order kind lands.
 */
import type { AppointmentCreateResponse, RegistrationCreateResponse, RegistrationView } from '../typings/booking';
import type { BillListResponse, BillPayResponse } from '../typings/payment';
import { FINAL_ORDER_STATUSES } from '../miniprogram/core/orders';
import { hospitalInstant } from '../miniprogram/core/time';
import { payRecord, releaseHeld, setPaySwitches } from '../sandbox/cloud/wx-server-sdk/cloudpay';
import { world, type World } from '../test/booking/world';

const MINUTE = 60_000;
const START = hospitalInstant('2026-11-26 08:00:00');
const TOMORROW = '2026-11-27';
/** The hospital writes covered, by HSB service. */
export const HOSPITAL_WRITES = {
  'confirm-bill': 'ConfirmPayment',
  'confirm-registration': 'ConfirmRegistration',
  refund: 'RefundRegistration',
  book: 'BookAppointment',
  'confirm-appointment': 'ConfirmAppointment',
  cancel: 'CancelAppointment',
  deposit: 'PayInpatientDeposit',
} as const;
type Write = keyof typeof HOSPITAL_WRITES;
const WRITE_FAULTS = ['error', 'timeout', 'late-commit'] as const;
const WECHAT_FAULTS = ['duplicate', 'late', 'out-of-order', 'lost', 'refund-close', 'refund-change'] as const;
/** Scenarios per fresh hospital (so today's slots never run out). */
const PER_WORLD = 40;

export interface HospitalOutcome {
  orders: number;
  oneSided: number;
  staff: number;
  final: Record<string, number>;
  faults: Record<string, number>;
}

type Random = () => number;
const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

interface Run {
  w: World;
  random: Random;
  orders: string[];
  faults: Record<string, number>;
  lost: Set<string>;
}

/** Strikes the next call of the write's service with a drawn fault (or none); answers the clear. */
async function maybeFault(r: Run, write: Write): Promise<() => Promise<void>> {
  if (r.random() < 0.4) return async () => undefined;
  const mode = pick(r.random, WRITE_FAULTS);
  r.faults[`${write}:${mode}`] = (r.faults[`${write}:${mode}`] ?? 0) + 1;
  const service = HOSPITAL_WRITES[write];
  await r.w.control('/sandbox/faults', { service, mode, ...(mode === 'late-commit' ? { delayMs: 0 } : {}) });
  return async () => {
    await r.w.control('/sandbox/faults', { service, mode: 'off' });
  };
}

function wechatFault(r: Run, outTradeNo: string): void {
  if (r.random() < 0.5) return;
  const kind = pick(r.random, WECHAT_FAULTS);
  r.faults[`wechat:${kind}`] = (r.faults[`wechat:${kind}`] ?? 0) + 1;
  if (kind === 'duplicate') setPaySwitches({ duplicate: 2 }, outTradeNo);
  if (kind === 'late') setPaySwitches({ late: true }, outTradeNo);
  if (kind === 'out-of-order') setPaySwitches({ outOfOrder: true }, outTradeNo);
  if (kind === 'lost') {
    // Held and never released: only the janitor's queryOrder finds the payment, and only the daily bill proves a refund.
    setPaySwitches({ late: true }, outTradeNo);
    r.lost.add(outTradeNo);
  }
  if (kind === 'refund-close') setPaySwitches({ refundEnd: 'REFUNDCLOSE' }, outTradeNo);
  if (kind === 'refund-change') setPaySwitches({ refundEnd: 'CHANGE' }, outTradeNo);
}

async function pay(r: Run, outTradeNo: string, confirmWrite: Write): Promise<void> {
  r.orders.push(outTradeNo);
  wechatFault(r, outTradeNo);
  const clear = await maybeFault(r, confirmWrite);
  await r.w.pay(outTradeNo);
  await r.w.advance(0);
  await clear();
}

async function billScenario(r: Run, openid: string, patientId: string): Promise<void> {
  await r.w.control('/sandbox/visits', { patientId });
  const listed = await r.w.call(openid, 'bill.list', { patientId });
  if (!listed.ok) return;
  const billIds = (listed.data as BillListResponse).bills.map((b) => b.billId);
  const placed = await r.w.call(openid, 'bill.pay', { patientId, billIds });
  if (placed.ok) await pay(r, (placed.data as BillPayResponse).order.outTradeNo, 'confirm-bill');
}

async function registrationScenario(r: Run, openid: string, patientId: string, slot: { scheduleId: string; slotId: string }): Promise<void> {
  const created = await r.w.call(openid, 'registration.create', { patientId, slotId: slot.slotId, scheduleId: slot.scheduleId });
  if (!created.ok) return;
  await pay(r, (created.data as RegistrationCreateResponse).order.outTradeNo, 'confirm-registration');
  await settle(r);
  if (r.random() < 0.5) return;
  const listed = await r.w.call(openid, 'registration.list', { patientId });
  const reg = listed.ok ? (listed.data as { registrations: RegistrationView[] }).registrations.find((x) => x.canRefund) : undefined;
  if (!reg) return;
  const clear = await maybeFault(r, 'refund');
  await r.w.call(openid, 'registration.refund', { registrationId: reg.registrationId });
  await clear();
}

async function appointmentScenario(r: Run, openid: string, patientId: string, slot: { scheduleId: string; slotId: string }): Promise<void> {
  const request = { patientId, slotId: slot.slotId, scheduleId: slot.scheduleId };
  const clearBook = await maybeFault(r, 'book');
  let created = await r.w.call(openid, 'appointment.create', request);
  await clearBook();
  // The patient taps again after an error: a lost booking is found, never sold out.
  if (!created.ok && created.code === 'HOSPITAL_UNAVAILABLE') created = await r.w.call(openid, 'appointment.create', request);
  if (!created.ok) return;
  const appointment = created.data as AppointmentCreateResponse;
  if (!appointment.pay) return;
  await pay(r, appointment.pay.order.outTradeNo, 'confirm-appointment');
  await settle(r);
  if (r.random() < 0.5) return;
  const clear = await maybeFault(r, 'cancel');
  await r.w.call(openid, 'appointment.cancel', { appointmentId: appointment.appointmentId });
  await clear();
}

/** A child in hospital: admitted, the stay bound, a deposit paid (faults at the hospital's deposit write); now and then discharged before the money arrives, so the hospital refuses it and the engine refunds. */
async function depositScenario(r: Run, openid: string, patientId: string): Promise<void> {
  const admitted = await fetch(`${r.w.hospital.url}/sandbox/admissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ patientId }) });
  if (admitted.status !== 200) return;
  const { admissionNo, stayId } = (await admitted.json()) as { admissionNo: string; stayId: string };
  if (!(await r.w.call(openid, 'inpatient.bind', { patientId, admissionNo })).ok) return;
  const placed = await r.w.call(openid, 'inpatient.deposit', { patientId, stayId, amount: 100_000 });
  if (!placed.ok) return;
  const outTradeNo = (placed.data as { order: { outTradeNo: string } }).order.outTradeNo;
  if (r.random() < 0.25) await r.w.control(`/sandbox/admissions/${admissionNo}/discharge`, {});
  await pay(r, outTradeNo, 'deposit');
}

/** Faults cleared, held callbacks (but the lost ones) released, the janitor every minute until every order is final. */
async function settle(r: Run): Promise<void> {
  await fetch(`${r.w.hospital.url}/sandbox/faults`, { method: 'DELETE' });
  for (let minute = 0; minute < 90; minute++) {
    for (const no of r.orders) if (!r.lost.has(no)) await releaseHeld(no);
    await r.w.advance(MINUTE);
    await r.w.janitor();
    await r.w.advance(0);
    const all = await Promise.all(r.orders.map((no) => r.w.ports.ledger.get(no)));
    if (all.every((o) => o && (FINAL_ORDER_STATUSES.includes(o.status) || o.status === 'refund-abnormal') && !o.handBack)) return;
  }
}

/** The next morning's reconciliation of the scenario's day: proves refunds whose callbacks were lost, lists the staff cases. */
async function reconcileDay(r: Run): Promise<Set<string>> {
  await r.w.setNow(hospitalInstant('2026-11-27 10:05:00'));
  const report = await r.w.reconcile('2026-11-26');
  await r.w.setNow(START);
  return new Set(report.differences.filter((d) => d.type === 'refund_needs_staff').map((d) => d.outTradeNo));
}

/** Whether the hospital holds the money of an order: a payment on record whose booking was not handed back. */
function hospitalHolds(w: World, outTradeNo: string): boolean {
  const db = w.hospital.hospital.db;
  if (db.prepare('SELECT COUNT(*) FROM payments WHERE trade_no = ?').pluck().get(outTradeNo) === 0) return false;
  const returned = db.prepare('SELECT COUNT(*) FROM registrations WHERE trade_no = ? AND status = 2').pluck().get(outTradeNo) as number;
  const cancelled = db.prepare('SELECT COUNT(*) FROM appointments WHERE trade_no = ? AND status = 4').pluck().get(outTradeNo) as number;
  return returned === 0 && cancelled === 0;
}

/** Free slots of two sessions: today after 14:00 (registrations) and tomorrow (appointments). */
async function slots(w: World): Promise<{ today: { scheduleId: string; slotId: string }[]; tomorrow: { scheduleId: string; slotId: string }[] }> {
  const flat = (sessions: Awaited<ReturnType<World['sessionsOn']>>, after: string) =>
    sessions.filter((s) => s.schedule.startTime >= after).flatMap((s) => s.free.map((slotId) => ({ scheduleId: s.schedule.scheduleId, slotId })));
  return { today: flat(await w.sessionsOn('2026-11-26'), '14:00'), tomorrow: flat(await w.sessionsOn(TOMORROW), '00:00') };
}

export async function benchHospitalWrites(n: number, random: Random): Promise<HospitalOutcome> {
  const out: HospitalOutcome = { orders: 0, oneSided: 0, staff: 0, final: {}, faults: {} };
  for (let done = 0; done < n; ) {
    const w = await world(START, { HSB_TIMEOUT_MS: '300' });
    try {
      await w.control('/sandbox/rules', { payAtBooking: true, maxActiveAppointments: 20 });
      const free = await slots(w);
      for (let i = 0; i < PER_WORLD && done < n; i++, done++) {
        await w.setNow(START);
        const r: Run = { w, random, orders: [], faults: out.faults, lost: new Set() };
        const openid = `o-bench-${done}`;
        const patientId = await w.patient(openid, done % 9000);
        const kind = pick(random, ['bill', 'registration', 'appointment', 'deposit'] as const);
        if (kind === 'bill') await billScenario(r, openid, patientId);
        else if (kind === 'deposit') await depositScenario(r, openid, patientId);
        else if (kind === 'registration' && free.today.length > 0) await registrationScenario(r, openid, patientId, free.today.pop()!);
        else if (free.tomorrow.length > 0) await appointmentScenario(r, openid, patientId, free.tomorrow.pop()!);
        await settle(r);
        const staffListed = await reconcileDay(r);
        for (const no of r.orders) {
          out.orders++;
          const o = await w.ports.ledger.get(no);
          if (o?.status === 'refund-abnormal') {
            // A case for staff, counted apart; it must appear in reconciliation, and the hospital holds nothing of it.
            out.staff++;
            out.final[o.status] = (out.final[o.status] ?? 0) + 1;
            if (!staffListed.has(no) || hospitalHolds(w, no)) out.oneSided++;
            continue;
          }
          const status = o?.status ?? 'missing';
          out.final[status] = (out.final[status] ?? 0) + 1;
          const rec = await payRecord(no);
          const taken = rec?.order.paidAt !== undefined;
          const refunded = (rec?.refunds ?? []).some((x) => x.refundStatus === 'SUCCESS');
          const held = hospitalHolds(w, no);
          // 单边账: money WeChat took that is neither held by the hospital nor refunded (or both), or held without being taken; or the ledger saying otherwise.
          const balanced = taken ? held !== refunded : !held;
          const ledgerAgrees = status === 'confirmed' ? held && !refunded : status === 'refunded' ? refunded && !held : status === 'closed' ? !taken : false;
          if (!balanced || !ledgerAgrees || o?.handBack) out.oneSided++;
        }
      }
    } finally {
      await w.close();
    }
  }
  return out;
}
