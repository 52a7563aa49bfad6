/** The whole stack (sandbox hospital, front machine, local cloud) started once per journey test file. */
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import type { OrderView } from '../../typings/payment';
import { cloudClient } from '../../scripts/cloud-client';
import { startStack, type RunningStack } from '../../scripts/stack';
import { bindPatient, sandboxInbox, type PersonToBind } from '../../scripts/bind-patient';

export type CloudCall = ReturnType<typeof cloudClient>;

export interface JourneyStack {
  /** Set in beforeAll: read it inside tests or hooks, never at describe time. */
  stack: RunningStack;
  /** Calls the `api` cloud function as this WeChat user. */
  client(openid: string): CloudCall;
  /** Binds a patient to this WeChat user as the app does, reading the code from the sandbox hospital's SMS gateway. */
  bind(openid: string, person: PersonToBind): Promise<ApiResult<'patient.add'>>;
}

/** Registers the jest hooks that start the stack on random ports and close it. */
export function journeyStack(now: number | string, seed?: number): JourneyStack {
  const journey = {
    client: (openid: string): CloudCall =>
      <A extends ActionName>(action: A, data: ActionRequest<A>) => cloudClient(journey.stack.cloudUrl, openid)(action, data),
    bind: (openid: string, person: PersonToBind) => bindPatient(journey.client(openid), person, sandboxInbox(journey.stack.hospitalUrl)),
  } as JourneyStack;
  beforeAll(async () => {
    journey.stack = await startStack({ hospitalPort: 0, frontMachinePort: 0, cloudPort: 0, quiet: true, now, seed });
  });
  afterAll(async () => {
    await journey.stack?.close();
  });
  return journey;
}

/** The data of a success; a failure fails the test with its code, field and message. */
export function data<T>(r: ApiResult): T {
  if (!r.ok) throw new Error(`${r.code} ${r.field ?? ''} ${r.message}`);
  return r.data as T;
}

/** POSTs JSON to a sandbox control or function endpoint, optionally as a WeChat user. */
export async function post(url: string, body: unknown, openid?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Follows the order as the result page does, until it leaves `from` (callbacks arrive on WeChat's own timers). */
export async function orderAfter(call: CloudCall, outTradeNo: string, from: string[]): Promise<OrderView> {
  for (let i = 0; i < 200; i++) {
    const o = data<OrderView>(await call('order.get', { outTradeNo }));
    if (!from.includes(o.status)) return o;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`order ${outTradeNo} still in ${from.join('/')}`);
}
