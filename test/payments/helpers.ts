/**
 * Shared set-up of the payment tests: a harness (emulated cloud DB and cloudPay, stub hospital with a
 * billing desk), an account with a bound patient and pending bills, and shortcuts for paying.
 */
import type { OrderDoc } from '../../typings/db';
import type { PatientAddResponse } from '../../typings/patient';
import type { BillPayResponse, OrderStatus } from '../../typings/payment';
import { idCard } from '../../cloudfunctions/testing/patient-hospital';
import { dataOf, harness, type Harness, type HarnessOptions } from '../../cloudfunctions/testing/harness';
import { payRecord } from '../../sandbox/cloud/wx-server-sdk/cloudpay';

export const MINUTE = 60_000;
export const ALL_STATUSES: OrderStatus[] = ['created', 'paying', 'paid', 'confirmed', 'closed', 'refunding', 'refunded', 'refund-abnormal'];

export interface PayWorld {
  h: Harness;
  openid: string;
  patientId: string;
}

/** A harness with account `o-pay` and one bound patient. */
export async function payWorld(opts: HarnessOptions = {}): Promise<PayWorld> {
  const h = harness(opts);
  const openid = 'o-pay';
  const added = dataOf<PatientAddResponse>(await h.bind(openid, { name: '张小明', idCardNo: idCard('19800101', 123), phone: '13812345678', relation: '本人' }));
  return { h, openid, patientId: added.patientId };
}

/** New pending bills for the world's patient; answers their ids. */
export function billsFor(w: PayWorld, amounts: number[]): string[] {
  return w.h.billing.visit(w.patientId, amounts).map((b) => b.billId);
}

export async function payBills(w: PayWorld, billIds: string[]): Promise<BillPayResponse> {
  return dataOf<BillPayResponse>(await w.h.call(w.openid, 'bill.pay', { patientId: w.patientId, billIds }));
}

export async function orderOf(w: PayWorld, outTradeNo: string): Promise<OrderDoc> {
  const o = await w.h.ports.ledger.get(outTradeNo);
  if (!o) throw new Error(`no order ${outTradeNo}`);
  return o;
}

/** WeChat's side of an order: the order, its refunds and callbacks. */
export async function wechat(outTradeNo: string) {
  const r = await payRecord(outTradeNo);
  if (!r) throw new Error(`WeChat knows no order ${outTradeNo}`);
  return r;
}

/** The order's statuses in order of its history. */
export function path(o: OrderDoc): OrderStatus[] {
  return o.history.map((t) => t.to);
}

/** Runs the janitor once a minute for `minutes` minutes (the timer), delivering WeChat's callbacks in between. */
export async function janitorEveryMinute(h: Harness, minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i++) {
    await h.advance(MINUTE);
    await h.janitor();
    await h.advance(0);
  }
}
