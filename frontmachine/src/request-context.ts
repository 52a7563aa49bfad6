/** Per-request bookkeeping that deep layers (the HSB client) add to without threading it through the port. */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  /** HSB calls made on behalf of this request (a cache hit makes none). */
  hsbCalls: number;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
