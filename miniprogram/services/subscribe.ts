/**
 * Consent to subscription messages on the tap before the event (confirm booking, pay, take number,
 * queue, add patient). wx.requestSubscribeMessage works only inside a tap, so everything it needs is
 * fetched beforehand (`prefetchSubscribe`, at launch): the hospital's templates and the patient's
 * kept choices. The answer goes to the cloud as `subscribe.record`. Never blocks or fails the tap.
 * In local mode a modal plays WeChat's dialog and `/sandbox/subscribe` WeChat's record of it.
 */
import type { HospitalEventKind } from '../../typings/events';
import type { SubscribeMoment, SubscribeResult, SubscribeTemplatesResponse } from '../../typings/push';
import { config } from '../config';
import { subscribeResults, templateIdsToAsk, type SubscriptionsSetting } from '../core/subscribe';
import { localHostRoute } from './pay';
import { callCloud, devOpenid } from './cloud';

let catalog: SubscribeTemplatesResponse | null = null;
let setting: SubscriptionsSetting | null = null;
let fetching: Promise<void> | null = null;

function readSetting(): Promise<void> {
  return new Promise((resolve) => {
    wx.getSetting({
      withSubscriptions: true,
      success: (res) => {
        const s = (res as { subscriptionsSetting?: SubscriptionsSetting }).subscriptionsSetting;
        setting = s ? { mainSwitch: s.mainSwitch, itemSettings: s.itemSettings ?? {} } : null;
        resolve();
      },
      fail: () => resolve(),
    });
  });
}

/** Fetches the templates and the patient's kept choices (at launch and after each dialog); concurrent callers share it. */
export function prefetchSubscribe(): Promise<void> {
  fetching ??= (async () => {
    const answer = await callCloud('subscribe.templates', {});
    if (answer.ok) catalog = answer.data;
    if (typeof wx.getSetting === 'function') await readSetting();
  })().finally(() => {
    fetching = null;
  });
  return fetching;
}

/** Records the dialog's answer with the cloud, then refreshes the kept choices. */
async function record(results: Record<string, SubscribeResult>): Promise<void> {
  if (Object.keys(results).length === 0) return;
  await callCloud('subscribe.record', { results });
  void prefetchSubscribe();
}

/**
 * Local mode: the local cloud plays WeChat, so the patient answers a modal standing for WeChat's dialog
 * and `POST /sandbox/subscribe` records it on WeChat's side (as payOrder does for the pay sheet).
 */
function askInSandbox(tmplIds: string[]): Promise<void> {
  const titles = tmplIds.map((id) => catalog?.templates.find((t) => t.templateId === id)?.title ?? id);
  return new Promise((resolve) => {
    wx.showModal({
      title: '模拟订阅消息',
      content: `本地环境：是否允许医院发送以下提醒？${titles.join('、')}`,
      confirmText: '允许',
      cancelText: '拒绝',
      success: (answer) => {
        const results = Object.fromEntries(tmplIds.map((id) => [id, answer.confirm ? 'accept' : 'reject'])) as Record<string, SubscribeResult>;
        wx.request({
          url: localHostRoute(config.localUrl, '/sandbox/subscribe'),
          method: 'POST',
          data: { openid: devOpenid(), results },
          header: { 'content-type': 'application/json' },
          timeout: config.timeoutMs,
          success: (response) => void (response.statusCode === 200 ? record(results) : Promise.resolve()).then(() => resolve()),
          fail: () => resolve(),
        });
      },
      fail: () => resolve(),
    });
  });
}

/** Asks for these template ids now (inside a tap) and records the answer; resolves when recorded or skipped. */
function ask(tmplIds: string[]): Promise<void> {
  if (tmplIds.length === 0) return Promise.resolve();
  if (config.mode === 'local') return askInSandbox(tmplIds);
  if (typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => void record(subscribeResults(res as unknown as Record<string, unknown>, tmplIds)).then(() => resolve()),
      // 20004: the patient turned subscriptions off; any failure leaves the tap's own work alone.
      fail: () => resolve(),
    });
  });
}

/** The kinds a tap asks for, per the hospital's configuration. */
function kindsOf(moment: SubscribeMoment): HospitalEventKind[] {
  return catalog?.moments[moment] ?? [];
}

/** Call first thing in the tap's handler; not awaited by the tap's own work. */
export function askConsent(moment: SubscribeMoment): Promise<void> {
  if (!catalog) return Promise.resolve();
  return ask(templateIdsToAsk(catalog.templates, kindsOf(moment), setting));
}

/** 消息中心's 未订阅，点此订阅: asks for that message's template alone. */
export function askConsentForTemplate(templateId: string): Promise<void> {
  const t = catalog?.templates.find((x) => x.templateId === templateId);
  if (!catalog || !t) return Promise.resolve();
  return ask(templateIdsToAsk(catalog.templates, [t.kind], setting));
}

/** Tests: forget what was fetched. */
export function resetSubscribe(): void {
  catalog = null;
  setting = null;
  fetching = null;
}
