/**
 * The WeChat call context of the current invocation. The real cloud injects it per invocation
 * (WX_CONTEXT_KEYS / WX_OPENID variables); one host process runs many invocations at once, so the
 * emulation keeps it in AsyncLocalStorage, set by the host around each `main` call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What `cloud.getWXContext()` answers (fields absent when the trigger has none, e.g. a timer). */
export interface WXContext {
  /** The caller's openid; present when a mini program user called. */
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  /** The cloud environment id. */
  ENV: string;
  /** What triggered the call: wx_client, wx_trigger, wx_paycallback, scf … */
  SOURCE: string;
  CLIENTIP?: string;
}

/** What a host or a test passes in: ENV and SOURCE default to a mini program call in `local`. */
export type InvocationContext = Partial<WXContext>;

/** The env id the local cloud reports (the real SDK reports `local` in local debugging too). */
export const LOCAL_ENV = 'local';

const storage = new AsyncLocalStorage<WXContext>();

/** Runs `fn` as one invocation with the given WeChat context. */
export function runWithContext<T>(ctx: InvocationContext, fn: () => T): T {
  const full: WXContext = { ...ctx, ENV: ctx.ENV ?? LOCAL_ENV, SOURCE: ctx.SOURCE ?? 'wx_client' };
  return storage.run(full, fn);
}

/** The current invocation's context; outside one (module top level) it is empty, like the real SDK. */
export function getWXContext(): Partial<WXContext> {
  const ctx = storage.getStore();
  return ctx ? { ...ctx } : {};
}
