/**
 * What the records journeys share: binding a patient (the ONE place tests add patients, so the
 * identity issue's SMS code changes only this helper) and a visit whose bills are paid in WeChat.
 */
import type { ActionName, ApiResult } from '../../typings/api';
import type { BillPayResponse } from '../../typings/payment';
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { data, orderAfter, post, type CloudCall } from '../support/journey';
import { bindPatient as bindThroughCode, sandboxInbox, type ApiCall, type PersonToBind } from '../../scripts/bind-patient';

/** A person as the 就诊人 form collects them; a child brings a guardian. */
export interface Person {
  name: string;
  idCardNo: string;
  phone: string;
  relation: string;
  guardian?: { name: string; idCardNo: string };
}

/** A valid ID number from a birth date (YYYYMMDD) and a sequence (odd: male). */
export function idCard(birth: string, seq: number): string {
  const first17 = `340104${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCardCheckChar(first17)}`;
}

/** Binds a patient to the caller's account as the app does (the SMS code from the sandbox's gateway) and answers the hospital's patient id. */
export async function bindPatient(call: CloudCall, person: Person, hospitalUrl: string): Promise<string> {
  return data<{ patientId: string }>(await bindThroughCode(call as ApiCall, person as PersonToBind, sandboxInbox(hospitalUrl))).patientId;
}

/** A finished consultation whose every bill the patient pays in WeChat, confirmed at the hospital. */
export async function paidVisit(urls: { hospitalUrl: string; cloudUrl: string }, call: CloudCall, patientId: string): Promise<string> {
  const visit = await post(`${urls.hospitalUrl}/sandbox/visits`, { patientId });
  expect(visit.status).toBe(200);
  const { visitId, bills } = visit.json as { visitId: string; bills: { billId: string }[] };
  const { order } = data<BillPayResponse>(await call('bill.pay', { patientId, billIds: bills.map((b) => b.billId) }));
  expect(await post(`${urls.cloudUrl}/sandbox/pay`, { outTradeNo: order.outTradeNo })).toMatchObject({ status: 200 });
  expect(await orderAfter(call, order.outTradeNo, ['paying', 'paid'])).toMatchObject({ status: 'confirmed' });
  return visitId;
}

/** A failure's code and field, for asserting refusals compactly. */
export function refusal<A extends ActionName>(r: ApiResult<A>): { code: string; field?: string } | 'ok' {
  return r.ok ? 'ok' : { code: r.code, ...(r.field !== undefined ? { field: r.field } : {}) };
}
