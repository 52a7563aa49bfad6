/**
 * Where the mini program's one cloud client sends `{action, data}`.
 * - `local`: HTTP to the local cloud host of `npm start` (DevTools with domain checks off).
 * - `cloud`: `wx.cloud.callFunction` in the WeChat cloud environment `cloudEnv`.
 * Switch by editing `mode` (and `cloudEnv`) here; see README.
 */
export type CloudMode = 'local' | 'cloud';

export interface AppConfig {
  mode: CloudMode;
  /** WeChat cloud environment id (cloud mode). */
  cloudEnv: string;
  /** The `api` function on the local cloud host (local mode). */
  localUrl: string;
  /** Milliseconds before a call counts as failed. */
  timeoutMs: number;
}

export const config: AppConfig = {
  mode: 'local',
  cloudEnv: 'your-cloud-env-id',
  localUrl: 'http://127.0.0.1:7103/functions/api',
  timeoutMs: 15000,
};
