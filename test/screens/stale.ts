/** Screen-state fixtures of issue 16: reference reads answered from the front machine's last good copy. */
import type { Handlers } from '../miniprogram/helpers';
import { HOSPITAL, realisticHandlers } from '../miniprogram/helpers';

/** When the last good copy was fetched: 09:30 in Shanghai the day before. */
export const STALE_SINCE = '2026-11-29T01:30:00.000Z';

/** `handlers` whose reference reads come marked stale (the hospital system not answering). */
export function staleHandlers(handlers: Handlers = realisticHandlers): Handlers {
  const marked = <A extends 'hospital.info' | 'dept.list' | 'doctor.list' | 'doctor.get' | 'schedule.list'>(action: A): Handlers[A] =>
    ((input: never) => {
      const answer = (handlers[action] as (i: never) => { ok: boolean; data?: object })(input);
      return answer.ok ? { ...answer, data: { ...answer.data, staleSince: STALE_SINCE } } : answer;
    }) as unknown as Handlers[A];
  return { ...handlers, 'hospital.info': marked('hospital.info'), 'dept.list': marked('dept.list'), 'doctor.list': marked('doctor.list'), 'doctor.get': marked('doctor.get'), 'schedule.list': marked('schedule.list') };
}

/** The hospital's notice on the home page, and its map point. */
export const withNotice: Handlers = {
  ...realisticHandlers,
  'hospital.info': () => ({ ok: true, data: { ...HOSPITAL, notice: '12月1日起儿科夜间门诊移至急诊楼1楼，请留意院内指引', location: { latitude: 30.27415, longitude: 120.15515 } } }),
};
