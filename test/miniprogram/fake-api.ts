/**
 * The fake `api` function behind the stubbed `wx.request` (the local-mode transport).
 */
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import { DATES, DOCTORS, GROUPS, HOSPITAL, RESPIRATORY_SCHEDULES, WANG } from './hospital-data';

type Handler<A extends ActionName> = (data: ActionRequest<A>) => ApiResult<A>;
export type Handlers = { [A in ActionName]?: Handler<A> };

/** One call the page made, as the api function received it. */
export interface RecordedCall {
  action: ActionName;
  data: unknown;
  url: string;
  header: Record<string, string>;
}

export const realisticHandlers: Handlers = {
  'hospital.info': () => ({ ok: true, data: HOSPITAL }),
  'dept.list': () => ({ ok: true, data: { groups: GROUPS } }),
  'doctor.list': ({ deptId }) => {
    // No department: every doctor (找医生).
    if (deptId === undefined) return { ok: true, data: { department: null, doctors: DOCTORS } };
    const group = GROUPS.find((g) => g.deptId === deptId);
    const deptIds = group ? [group.deptId, ...group.children.map((c) => c.deptId)] : [deptId];
    const department = GROUPS.flatMap((g) => g.children).find((c) => c.deptId === deptId) ?? (group && { deptId: group.deptId, name: group.name, parentId: null, intro: group.intro, location: '门诊楼2楼' });
    if (!department) return { ok: false, code: 'NOT_FOUND', message: '未找到该科室' };
    return { ok: true, data: { department, doctors: DOCTORS.filter((d) => deptIds.includes(d.deptId)) } };
  },
  'doctor.get': ({ doctorId }) => (doctorId === WANG.doctorId ? { ok: true, data: WANG } : { ok: false, code: 'NOT_FOUND', message: '未找到该医生' }),
  'schedule.list': ({ deptId, doctorId }) => ({
    ok: true,
    data: { dates: DATES, schedules: RESPIRATORY_SCHEDULES.filter((s) => (deptId ? s.deptId === deptId : s.doctorId === doctorId)) },
  }),
  // A new account: no patients yet (fakeAccount() serves one with patients).
  'patient.list': () => ({ ok: true, data: { patients: [], limit: 5 } }),
};

interface RequestOptions {
  url: string;
  data: { action: ActionName; data: unknown };
  header: Record<string, string>;
  success?: (response: { statusCode: number; data: unknown }) => void;
  fail?: (error: { errMsg: string }) => void;
}

/** Answers local-mode calls with `handlers`; returns the calls as the api function saw them. */
export function serveApi(handlers: Handlers = realisticHandlers): RecordedCall[] {
  const calls: RecordedCall[] = [];
  (wx.request as unknown as jest.Mock).mockImplementation((options: RequestOptions) => {
    const { action, data } = options.data;
    calls.push({ action, data, url: options.url, header: options.header });
    const handler = handlers[action] as ((d: unknown) => ApiResult) | undefined;
    const result: ApiResult = handler ? handler(data) : { ok: false, code: 'NOT_FOUND', message: '未知操作' };
    // The host answers asynchronously, like a real network.
    setTimeout(() => options.success?.({ statusCode: result.ok ? 200 : 400, data: result }), 0);
    return { abort: () => undefined };
  });
  return calls;
}

/** Every local-mode call fails at the transport (no network). */
export function failNetwork(): void {
  (wx.request as unknown as jest.Mock).mockImplementation((options: RequestOptions) => {
    setTimeout(() => options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }), 0);
  });
}

export function resetWx(): void {
  jest.clearAllMocks();
  wx.clearStorageSync();
}
