import { ConfigError, DEV_ID_HMAC_KEY, loadCloudConfig } from './config';

const STRONG = 'k'.repeat(32);
const PRODUCTION = { FRONT_MACHINE_URL: 'https://fm.hospital.example:8443/', FRONT_MACHINE_KEY: 'f'.repeat(64), ID_HMAC_KEY: STRONG };

test('ID_HMAC_KEY: the obvious development default only with PALM_DEV=1', () => {
  expect(loadCloudConfig({ PALM_DEV: '1' }).idHmacKey).toBe(DEV_ID_HMAC_KEY);
  expect(loadCloudConfig({ PALM_DEV: '1', ID_HMAC_KEY: '' }).idHmacKey).toBe(DEV_ID_HMAC_KEY);
  expect(loadCloudConfig({ PALM_DEV: '1', ID_HMAC_KEY: 'short-is-fine-in-dev' }).idHmacKey).toBe('short-is-fine-in-dev');
});

test('fails closed: without PALM_DEV=1 (WeChat runs functions without NODE_ENV) every secret and the https URL are required', () => {
  expect(loadCloudConfig(PRODUCTION)).toEqual({ frontMachineUrl: 'https://fm.hospital.example:8443', frontMachineKey: 'f'.repeat(64), frontMachineTimeoutMs: 8000, idHmacKey: STRONG });
  for (const env of [{}, { NODE_ENV: 'development' }, { PALM_DEV: 'true' }]) expect(() => loadCloudConfig(env)).toThrow(ConfigError);
  expect(() => loadCloudConfig({ ...PRODUCTION, ID_HMAC_KEY: '' })).toThrow(/ID_HMAC_KEY is required/);
  expect(() => loadCloudConfig({ ...PRODUCTION, ID_HMAC_KEY: DEV_ID_HMAC_KEY })).toThrow(/published in the repository/);
  expect(() => loadCloudConfig({ ...PRODUCTION, ID_HMAC_KEY: 'k'.repeat(31) })).toThrow(/32/);
  expect(() => loadCloudConfig({ ...PRODUCTION, FRONT_MACHINE_URL: undefined })).toThrow(/FRONT_MACHINE_URL is required/);
  expect(() => loadCloudConfig({ ...PRODUCTION, FRONT_MACHINE_URL: 'http://fm.hospital.example' })).toThrow(/https/);
  expect(() => loadCloudConfig({ ...PRODUCTION, FRONT_MACHINE_KEY: undefined })).toThrow(/FRONT_MACHINE_KEY is required/);
  expect(() => loadCloudConfig({ ...PRODUCTION, FRONT_MACHINE_KEY: 'palm-hospital-local-dev-key-change-me' })).toThrow(/published in the repository/);
});

test('the local stack (PALM_DEV=1) may use http:// and no key', () => {
  expect(loadCloudConfig({ PALM_DEV: '1' })).toMatchObject({ frontMachineUrl: 'http://127.0.0.1:7102', frontMachineKey: undefined });
});
