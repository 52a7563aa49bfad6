/**
 * The emulated wx-server-sdk: the part of the real SDK our cloud functions use, over a local
 * SQLite database. Jest maps `wx-server-sdk` here; the local cloud host aliases it the same way.
 * A test double for a cloud we cannot run here — see sandbox/cloud/README.md for what differs.
 */
import { CloudSDKError } from './errors';
import { Database, type DatabaseOptions } from './database';
import { getWXContext, runWithContext } from './context';
import { cloudPay } from './cloudpay';
import type { CloudSdk } from '../../../cloudfunctions/common/cloud-sdk';
import { subscribeMessage } from './subscribe';

export { getWXContext, runWithContext, LOCAL_ENV } from './context';
export type { InvocationContext, WXContext } from './context';
export { configureDatabase, resetDatabase, closeDatabase, MAX_LIMIT } from './database';
export type { Database, CollectionReference, DocumentReference, Query, Transaction } from './database';
export { CloudSDKError } from './errors';
export { command } from './command';

/** `cloud.init({env: cloud.DYNAMIC_CURRENT_ENV})`: use the environment the function runs in. */
export const DYNAMIC_CURRENT_ENV: unique symbol = Symbol.for('DYNAMIC_CURRENT_ENV');

export interface InitOptions {
  env?: string | typeof DYNAMIC_CURRENT_ENV | { database?: string; functions?: string; storage?: string };
  traceUser?: boolean;
  /** Default for every `database()`: false makes `doc.get` of a missing document answer `data: null`. */
  throwOnNotFound?: boolean;
}

let initOptions: InitOptions = {};

export function init(opts: InitOptions = {}): void {
  initOptions = { ...opts };
}

export function database(opts: DatabaseOptions = {}): Database {
  const throwOnNotFound = opts.throwOnNotFound ?? initOptions.throwOnNotFound;
  return new Database(throwOnNotFound === undefined ? { ...opts } : { ...opts, throwOnNotFound });
}

/** A namespace whose every method answers "not emulated yet", so a call fails loudly, not vaguely. */
function notYetEmulated(namespace: string): Record<string, (...args: unknown[]) => Promise<never>> {
  return new Proxy({} as Record<string, (...args: unknown[]) => Promise<never>>, {
    get: (_target, prop) =>
      typeof prop === 'string' && prop !== 'then'
        ? () => Promise.reject(new CloudSDKError(`${namespace}.${prop}`, 'not emulated yet by the local cloud (sandbox/cloud/README.md)'))
        : undefined,
  });
}

/** WeChat Pay: unifiedOrder, queryOrder, closeOrder, refund, queryRefund and their callbacks (cloudpay/). */
export { cloudPay };
export type * from './cloudpay';
export { configureSubscribe, failNextSends, receivedMessages, recordSubscription, templateLibrary } from './subscribe';
export type { ReceivedMessage, SubscribeChoice, SubscribeTemplate } from './subscribe';

/** Cloud storage: uploadFile and getTempFileURL, served by the local cloud host (storage.ts). */
import { getTempFileURL, uploadFile } from './storage';
export { configureStorage, resetStorage, readTemporaryFile, getTempFileURL, uploadFile } from './storage';

/** Open APIs: subscribeMessage.send with WeChat's consent quotas (subscribe.ts); anything else answers "not emulated yet". */
type NotYetEmulated = Record<string, (...args: unknown[]) => Promise<never>>;
export const openapi = new Proxy({ subscribeMessage } as { subscribeMessage: typeof subscribeMessage } & Record<string, NotYetEmulated>, {
  get: (target, prop) =>
    typeof prop !== 'string' || prop === 'then' ? undefined : prop in target ? target[prop] : notYetEmulated(`openapi.${prop}`),
});

const cloud = {
  init,
  database,
  getWXContext,
  runWithContext,
  DYNAMIC_CURRENT_ENV,
  cloudPay,
  openapi,
  uploadFile,
  getTempFileURL,
} satisfies CloudSdk & Record<string, unknown>;
export default cloud;
