/** Calls the `api` cloud function on a local cloud host, as the mini program's local mode does. */
import type { ActionName, ActionRequest, ApiResult } from '../typings/api';

export function cloudClient(cloudUrl: string, openid: string) {
  return async function call<A extends ActionName>(action: A, data: ActionRequest<A>): Promise<ApiResult<A>> {
    const res = await fetch(`${cloudUrl}/functions/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ action, data }),
    });
    return (await res.json()) as ApiResult<A>;
  };
}
