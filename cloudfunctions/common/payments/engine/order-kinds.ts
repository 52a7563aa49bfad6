/**
 * What the hospital is told a payment paid for, by order kind: one table over `OrderDoc.hospitalRef`.
 * A new kind of order is one entry here (and its `HospitalRef` variant in typings/db.ts).
 */
import type { HospitalRef, OrderDoc } from '../../../../typings/db';
import type { EngineContext } from './context';

/** The payment as the hospital is told it. */
export type HospitalPayment = { patientId: string; amount: number; outTradeNo: string; transactionId: string; paidAt: string };
/** The hospital's receipt, and whether it has since handed what was paid for back (so the money goes back too). */
export type Confirmation = { receiptNo: string; handedBack: boolean };

type OrderKindRef = { [K in HospitalRef['kind']]: Extract<HospitalRef, { kind: K }> };
type Confirmer<K extends keyof OrderKindRef> = (ctx: EngineContext, order: OrderDoc, ref: OrderKindRef[K], p: HospitalPayment) => Promise<Confirmation>;

/** Each answers the receipt (and writes what the cloud must keep); Idempotency-Key = outTradeNo. */
export const CONFIRMERS: { [K in keyof OrderKindRef]: Confirmer<K> } = {
  'outpatient-bill': async (ctx, _order, ref, p) => ({
    receiptNo: (await ctx.frontMachine.call('bill.confirm', { ...p, billIds: ref.billIds }, { idempotencyKey: p.outTradeNo })).receiptNo,
    handedBack: false,
  }),
  registration: (ctx, order, ref, p) => confirmRegistration(ctx, order, { ...p, holdId: ref.holdId }),
  'take-number': (ctx, order, ref, p) => confirmRegistration(ctx, order, { ...p, appointmentId: ref.appointmentId }),
  appointment: async (ctx, _order, ref, p) => {
    const { receiptNo, appointment } = await ctx.frontMachine.call('appointment.confirm', { ...p, appointmentId: ref.appointmentId }, { idempotencyKey: p.outTradeNo });
    return { receiptNo, handedBack: appointment.status === 'cancelled' };
  },
  // A deposit for a stay: the hospital refuses it once the stay is discharged or settling (→ refund).
  'inpatient-deposit': async (ctx, _order, ref, p) => ({
    receiptNo: (await ctx.frontMachine.call('inpatient.deposit', { ...p, stayId: ref.stayId }, { idempotencyKey: p.outTradeNo })).receiptNo,
    handedBack: false,
  }),
  // A test's fee (核酸), where the hospital takes it online.
  'test-application': async (ctx, _order, ref, p) => ({
    receiptNo: (await ctx.frontMachine.call('nat.confirm', { ...p, applicationId: ref.applicationId }, { idempotencyKey: p.outTradeNo })).receiptNo,
    handedBack: false,
  }),
};

async function confirmRegistration(ctx: EngineContext, order: OrderDoc, req: HospitalPayment & ({ holdId: string } | { appointmentId: string })): Promise<Confirmation> {
  const { receiptNo, registration } = await ctx.frontMachine.call('registration.confirm', req, { idempotencyKey: req.outTradeNo });
  // Before the ledger says confirmed, so a confirmed registration always has its owner on record.
  await ctx.bookings.put('registration', { _id: registration.registrationId, openid: order.openid, patientId: order.patientId, outTradeNo: order._id, createdAt: ctx.clock() });
  return { receiptNo, handedBack: registration.status === 'refunded' };
}

function confirmByKind<K extends keyof OrderKindRef>(kind: K, ref: OrderKindRef[K], ctx: EngineContext, order: OrderDoc, p: HospitalPayment): Promise<Confirmation> {
  const confirmer: Confirmer<K> = CONFIRMERS[kind];
  return confirmer(ctx, order, ref, p);
}

export function confirmAtHospital(ctx: EngineContext, order: OrderDoc, p: HospitalPayment): Promise<Confirmation> {
  return confirmByKind(order.hospitalRef.kind, order.hospitalRef, ctx, order, p);
}
