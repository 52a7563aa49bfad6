/**
 * Each function's timeout, as its `config.json` declares it (WeChat's default is 3 s, the maximum 60 s):
 * the hospital calls of one invocation share this budget (common/frontmachine.ts CallBudget), so a chain
 * of front-machine calls always ends in an answer before WeChat ends the function. A test keeps the
 * numbers equal to the config.json files.
 */
export const FUNCTION_TIMEOUT_MS = { api: 20_000, payNotify: 20_000, scheduler: 60_000 } as const;
/** WeChat's bounds for a function's timeout. */
export const WECHAT_DEFAULT_TIMEOUT_MS = 3_000;
export const WECHAT_MAX_TIMEOUT_MS = 60_000;
/** The scheduler's janitor stops starting orders this long before the function's end, leaving time for reconciliation. */
export const RECONCILIATION_RESERVE_MS = 20_000;
