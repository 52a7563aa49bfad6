/** Typed calls to the payment actions: pending bills, paying them, orders and costs. */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** A bound patient's pending outpatient bills (门诊缴费). */
export function loadBills(patientId: string): Promise<ApiResult<'bill.list'>> {
  return callCloud('bill.list', { patientId });
}

/** One order for the chosen bills; the same bills while unpaid answer the same order. */
export function payBills(patientId: string, billIds: string[]): Promise<ApiResult<'bill.pay'>> {
  return callCloud('bill.pay', { patientId, billIds });
}

/** One of the account's orders: where the money is. */
export function loadOrder(outTradeNo: string): Promise<ApiResult<'order.get'>> {
  return callCloud('order.get', { outTradeNo });
}

/** The account's orders, newest first. */
export function loadOrders(): Promise<ApiResult<'order.list'>> {
  return callCloud('order.list', {});
}

/** A bound patient's visits with their costs (费用查询). */
export function loadCosts(patientId: string): Promise<ApiResult<'cost.list'>> {
  return callCloud('cost.list', { patientId });
}
