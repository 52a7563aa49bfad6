/**
 * The mini program's one cloud client: `{action, data}` to the `api` cloud function, typed by
 * typings/api.ts. Pages call this and never touch `wx.cloud` or `wx.request` themselves.
 */
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import type { Failure } from '../../typings/result';
import { config } from '../config';

/** What the patient reads when the call never reached the hospital's answer. */
export const NETWORK_FAILURE_MESSAGE = '网络异常，请检查网络后重试';

/** Storage key of the openid local mode sends in place of WeChat's. */
export const DEV_OPENID_KEY = 'palm-hospital.dev-openid';

function networkFailure(): Failure {
  return { ok: false, code: 'HOSPITAL_UNAVAILABLE', message: NETWORK_FAILURE_MESSAGE };
}

/** True when `value` has the shape of a `Result`: anything else is treated as a transport failure. */
function isResult(value: unknown): value is ApiResult {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; code?: unknown; message?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String((error as { errMsg: unknown }).errMsg);
  return String(error);
}

/** The openid local mode sends: made once per device and kept, so the local cloud sees one account. */
export function devOpenid(): string {
  const stored: unknown = wx.getStorageSync(DEV_OPENID_KEY);
  if (typeof stored === 'string' && stored !== '') return stored;
  const fresh = `dev-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  wx.setStorageSync(DEV_OPENID_KEY, fresh);
  return fresh;
}

function viaCloud(event: { action: ActionName; data: unknown }): Promise<unknown> {
  return wx.cloud
    .callFunction({ name: 'api', data: event })
    .then((response) => response.result);
}

function viaLocalHost(event: { action: ActionName; data: unknown }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: config.localUrl,
      method: 'POST',
      data: event,
      header: { 'content-type': 'application/json', 'x-wx-openid': devOpenid() },
      timeout: config.timeoutMs,
      // The local host answers 401/500 with a Failure body; the body decides, not the status.
      success: (response) => resolve(response.data),
      fail: (error) => reject(error),
    });
  });
}

/** Calls one API action; never throws: a transport failure becomes HOSPITAL_UNAVAILABLE. */
export async function callCloud<A extends ActionName>(action: A, data: ActionRequest<A>): Promise<ApiResult<A>> {
  const event = { action, data };
  try {
    const answer = config.mode === 'cloud' ? await viaCloud(event) : await viaLocalHost(event);
    return isResult(answer) ? (answer as ApiResult<A>) : networkFailure();
  } catch (error) {
    // The transport's error text (errno, domain) means nothing to a patient; keep it for the console.
    console.warn(`callCloud ${action}: transport failure`, errorText(error));
    return networkFailure();
  }
}
