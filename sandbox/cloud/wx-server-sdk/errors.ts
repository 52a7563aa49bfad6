/**
 * Errors shaped like the real SDK's: an Error carrying `errCode` and `errMsg`, the message
 * prefixed with the API name (`document.get:fail …`), as wx-server-sdk's toSDKError builds them.
 */

/** Error codes the emulation uses, as the real SDK reports them. */
export const ERR_CODE = {
  /** Generic failure (missing document, bad parameter …). */
  FAIL: -1,
  /** database request fail (duplicate key, transaction conflict …). */
  DATABASE_REQUEST_FAILED: -502001,
  /** Invalid collection name, and a transaction conflict (as the cloud reports it). */
  INVALID_PARAM: -501001,
  /** The collection does not exist (it must be created before use: console or `db.createCollection`). */
  COLLECTION_NOT_EXISTS: -502005,
} as const;

export class CloudSDKError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(apiName: string, detail: string, errCode: number = ERR_CODE.FAIL) {
    const errMsg = `${apiName}:fail ${detail}`;
    super(errMsg);
    this.name = 'CloudSDKError';
    this.errCode = errCode;
    this.errMsg = errMsg;
  }
}

/** `${apiName}:ok`, the errMsg of every successful call. */
export function okMsg(apiName: string): string {
  return `${apiName}:ok`;
}
