/**
 * Which template ids one tap asks WeChat's consent dialog for (wx.requestSubscribeMessage's rules):
 * at most 3 ids, one-time and long-term never mixed, titles distinct (WeChat drops repeats), nothing
 * the patient turned off for good (总是保持以上选择 + 拒绝, or banned), no long-term one kept on
 * already; a one-time one kept on is still asked — WeChat shows no dialog for it and adds a send.
 */
import type { HospitalEventKind } from '../../typings/events';
import type { SubscribeResult, SubscribeTemplateView } from '../../typings/push';

/** wx.getSetting({withSubscriptions: true})'s subscriptionsSetting, as far as it matters here. */
export interface SubscriptionsSetting {
  mainSwitch: boolean;
  /** Only templates the patient ticked 总是保持以上选择 for: 'accept' | 'reject' | 'ban'. */
  itemSettings?: Record<string, string>;
}

export const MAX_IDS_PER_REQUEST = 3;

export function templateIdsToAsk(templates: readonly SubscribeTemplateView[], kinds: readonly HospitalEventKind[], setting: SubscriptionsSetting | null): string[] {
  if (setting && !setting.mainSwitch) return [];
  const kept = setting?.itemSettings ?? {};
  const candidates = kinds
    .map((kind) => templates.find((t) => t.kind === kind))
    .filter((t): t is SubscribeTemplateView => t !== undefined)
    .filter((t) => kept[t.templateId] !== 'reject' && kept[t.templateId] !== 'ban' && !(t.longTerm && kept[t.templateId] === 'accept'));
  // One sort per call: one-time ones when there are any (they run out), else the long-term ones.
  const oneTime = candidates.filter((t) => !t.longTerm);
  const chosen = oneTime.length > 0 ? oneTime : candidates;
  const titles = new Set<string>();
  const ids: string[] = [];
  for (const t of chosen) {
    if (titles.has(t.title) || ids.length === MAX_IDS_PER_REQUEST) continue;
    titles.add(t.title);
    ids.push(t.templateId);
  }
  return ids;
}

const RESULTS: readonly string[] = ['accept', 'acceptWithAudio', 'reject', 'ban', 'filter'];

/** The per-template results of wx.requestSubscribeMessage's answer, for the ids asked (errMsg and anything else left out). */
export function subscribeResults(answer: Record<string, unknown>, asked: readonly string[]): Record<string, SubscribeResult> {
  const out: Record<string, SubscribeResult> = {};
  for (const id of asked) {
    const r = answer[id];
    if (typeof r === 'string' && RESULTS.includes(r)) out[id] = r as SubscribeResult;
  }
  return out;
}
