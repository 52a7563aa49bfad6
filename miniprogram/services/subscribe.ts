/**
 * Consent to subscription messages on the tap before the event (confirm booking, pay, take number,
 * queue, add patient). wx.requestSubscribeMessage works only inside a tap, so everything it needs is
 * fetched beforehand (`prefetchSubscribe`, at launch): the hospital's templates and the patient's
 * kept choices. The answer goes to the cloud as `subscribe.record`. Never blocks or fails the tap.
 */
import type { HospitalEventKind } from '../../typings/events';
import type { SubscribeMoment, SubscribeTemplatesResponse } from '../../typings/push';
import { subscribeResults, templateIdsToAsk, type SubscriptionsSetting } from '../core/subscribe';
import { callCloud } from './cloud';

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

/** Asks for these template ids now (inside a tap) and records the answer; resolves when recorded or skipped. */
function ask(tmplIds: string[]): Promise<void> {
  if (tmplIds.length === 0 || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const results = subscribeResults(res as unknown as Record<string, unknown>, tmplIds);
        if (Object.keys(results).length === 0) return resolve();
        void callCloud('subscribe.record', { results }).then(() => {
          void prefetchSubscribe();
          resolve();
        });
      },
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
