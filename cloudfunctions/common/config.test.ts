import { ConfigError, DEV_ID_HMAC_KEY, loadCloudConfig } from './config';

const STRONG = 'k'.repeat(32);

test('ID_HMAC_KEY: the obvious development default outside production', () => {
  expect(loadCloudConfig({}).idHmacKey).toBe(DEV_ID_HMAC_KEY);
  expect(loadCloudConfig({ NODE_ENV: 'test', ID_HMAC_KEY: '' }).idHmacKey).toBe(DEV_ID_HMAC_KEY);
  expect(loadCloudConfig({ ID_HMAC_KEY: 'short-is-fine-in-dev' }).idHmacKey).toBe('short-is-fine-in-dev');
});

test('ID_HMAC_KEY: required in production, not the dev default, at least 32 characters', () => {
  expect(() => loadCloudConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadCloudConfig({ NODE_ENV: 'production', ID_HMAC_KEY: '' })).toThrow(/required/);
  expect(() => loadCloudConfig({ NODE_ENV: 'production', ID_HMAC_KEY: DEV_ID_HMAC_KEY })).toThrow(/development default/);
  expect(() => loadCloudConfig({ NODE_ENV: 'production', ID_HMAC_KEY: 'k'.repeat(31) })).toThrow(/32/);
  expect(loadCloudConfig({ NODE_ENV: 'production', ID_HMAC_KEY: STRONG }).idHmacKey).toBe(STRONG);
});
