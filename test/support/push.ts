/** What the push journeys share: binding a patient (the one place the identity work changes), WeChat's side, the timer. */
import type { DeptListResponse, ScheduleListResponse } from '../../typings/api';
import type { SlotListResponse } from '../../typings/booking';
import type { Schedule } from '../../typings/hospital';
import type { RunningStack } from '../../scripts/stack';
import { bindPatient as bindAsTheApp, sandboxInbox } from '../../scripts/bind-patient';
import { data, post, type CloudCall } from './journey';

export interface Person {
  name: string;
  idCardNo: string;
  phone: string;
}

/** Binds `person` to the caller's account as the app does (consent, SMS code, patient.add) with a verified hospital card; answers the patient id. */
export async function bindPatient(stack: RunningStack, call: CloudCall, person: Person): Promise<string> {
  const { patientId } = data<{ patientId: string }>(await bindAsTheApp(call, { ...person, relation: '本人' }, sandboxInbox(stack.hospitalUrl)));
  const card = await post(`${stack.hospitalUrl}/sandbox/cards`, { idCardNo: person.idCardNo, name: person.name, phone: person.phone, verified: true });
  data(await call('card.bind', { patientId, cardNo: card.json.cardNo as string }));
  return patientId;
}

/** The console's 测试 button on the scheduler's timer: one run now, answering what it did. */
export async function runScheduler(stack: RunningStack): Promise<Record<string, unknown>> {
  const res = await post(`${stack.cloudUrl}/sandbox/timers/run`, { function: 'scheduler' });
  if (res.status !== 200) throw new Error(`timers/run answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json.result as Record<string, unknown>;
}

export interface WeChatMessage {
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  errcode: number;
  sentAt: string;
}

/** What WeChat received for `openid`. */
export async function weChatMessages(stack: RunningStack, openid: string): Promise<WeChatMessage[]> {
  const res = await fetch(`${stack.cloudUrl}/sandbox/subscribe-messages?openid=${encodeURIComponent(openid)}`);
  return ((await res.json()) as { messages: WeChatMessage[] }).messages;
}

/** A free slot of an open session on `date` in `period`, as the patient browses to it. */
export async function freeSlot(call: CloudCall, date: string, period: 'AM' | 'PM', skip = 0): Promise<{ schedule: Schedule; slotId: string }> {
  const { groups } = data<DeptListResponse>(await call('dept.list', {}));
  let seen = 0;
  for (const dept of groups.flatMap((g) => g.children)) {
    const { schedules } = data<ScheduleListResponse>(await call('schedule.list', { deptId: dept.deptId, from: date, days: 1 }));
    for (const schedule of schedules.filter((s) => s.date === date && s.period === period && s.status === 'open')) {
      const free = data<SlotListResponse>(await call('slot.list', { scheduleId: schedule.scheduleId })).slots.find((s) => s.available);
      if (free && seen++ === skip) return { schedule, slotId: free.slotId };
    }
  }
  throw new Error(`no free ${period} slot on ${date}`);
}
