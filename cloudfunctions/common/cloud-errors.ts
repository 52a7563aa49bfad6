/**
 * wx-server-sdk failures that say the cloud itself is busy, timing out or out of quota (WeChat's
 * 云开发 error codes), as opposed to a call we got wrong: the caller can only try again.
 */

/** 云端系统错误, 云端响应超时, 请求次数/并发数超出配额, 读/写配额耗尽, 资源不可用, 数据库操作超时. */
const UNAVAILABLE_CODES = new Set([-501001, -501002, -501003, -501004, -501015, -501016, -501018, -502011]);
/** 数据库请求失败 (-502001) covers duplicate keys too (a bug where unhandled); only contention is the cloud's. */
const CONTENTION = /TransactionConflict|ResourceUnavailable/;

export function isCloudUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { errCode, errMsg } = e as { errCode?: unknown; errMsg?: unknown };
  if (typeof errCode !== 'number') return false;
  return UNAVAILABLE_CODES.has(errCode) || (errCode === -502001 && typeof errMsg === 'string' && CONTENTION.test(errMsg));
}

/** A transaction the database refused because the document changed meanwhile (-501001 / TransactionConflict). */
export function isTransactionConflict(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { errCode, errMsg } = e as { errCode?: unknown; errMsg?: unknown };
  return (errCode === -501001 || errCode === -502001) && typeof errMsg === 'string' && /TransactionConflict/.test(errMsg);
}

/**
 * Runs a transaction again when the database reports a conflict: the SDK does not retry silently, so
 * the retry is ours and explicit (the decision inside is pure, so rerunning it is safe).
 */
export async function retryingConflicts<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (i >= attempts || !isTransactionConflict(e)) throw e;
    }
  }
}
