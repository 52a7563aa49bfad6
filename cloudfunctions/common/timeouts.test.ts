/** Each function's config.json timeout is the one its code budgets for, within WeChat's bounds. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_TIMEOUT_MS, RECONCILIATION_RESERVE_MS, WECHAT_DEFAULT_TIMEOUT_MS, WECHAT_MAX_TIMEOUT_MS } from './timeouts';
import { FUNCTION_RESERVE_MS } from './frontmachine';
import { loadCloudConfig } from './config';

test.each(Object.entries(FUNCTION_TIMEOUT_MS))('%s: config.json sets the timeout the code budgets for (above the 3 s default, at most 60 s)', (name, ms) => {
  const config = JSON.parse(readFileSync(join(__dirname, '..', name, 'config.json'), 'utf8')) as { timeout?: number };
  expect(config.timeout).toBe(ms / 1000);
  expect(ms).toBeGreaterThan(WECHAT_DEFAULT_TIMEOUT_MS);
  expect(ms).toBeLessThanOrEqual(WECHAT_MAX_TIMEOUT_MS);
  // One hospital call at its full timeout fits, with the function's reserve for its own writes.
  expect(loadCloudConfig({ PALM_DEV: '1' }).frontMachineTimeoutMs + FUNCTION_RESERVE_MS).toBeLessThanOrEqual(ms);
});

test('the scheduler leaves its janitor time and reconciliation its reserve', () => {
  expect(FUNCTION_TIMEOUT_MS.scheduler - RECONCILIATION_RESERVE_MS).toBeGreaterThan(RECONCILIATION_RESERVE_MS);
});
