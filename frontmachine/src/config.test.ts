import { DEV_HMAC_KEY, loadConfig } from './config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({ FM_HMAC_KEY: 'k'.repeat(32) })).toEqual({
      port: 7102,
      host: '127.0.0.1',
      hmacKey: 'k'.repeat(32),
      hsbUrl: 'http://127.0.0.1:7101',
      hsbTimeoutMs: 5000,
      hsbConcurrency: 16,
      refTtlS: 600,
      scheduleTtlS: 10,
      storePath: ':memory:',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      FM_PORT: '0',
      FM_HOST: '0.0.0.0',
      FM_HMAC_KEY: 'k'.repeat(32),
      HSB_URL: 'http://10.0.0.5:8080/',
      HSB_TIMEOUT_MS: '2500',
      HSB_CONCURRENCY: '4',
      FM_REF_TTL_S: '60',
      FM_SCHEDULE_TTL_S: '0',
      FM_STORE: '/var/lib/frontmachine/store.db',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', hsbUrl: 'http://10.0.0.5:8080', hsbTimeoutMs: 2500, hsbConcurrency: 4, refTtlS: 60, scheduleTtlS: 0, storePath: '/var/lib/frontmachine/store.db', logLevel: 'warn' });
  });

  it('fails closed: without PALM_DEV=1 it refuses to start with no FM_HMAC_KEY, a short one, or one published in the repository', () => {
    expect(() => loadConfig({})).toThrow(/FM_HMAC_KEY is required/);
    expect(() => loadConfig({ NODE_ENV: 'development' })).toThrow(/FM_HMAC_KEY is required/);
    expect(() => loadConfig({ FM_HMAC_KEY: 'short' })).toThrow(/FM_HMAC_KEY must be at least 32/);
    expect(() => loadConfig({ FM_HMAC_KEY: DEV_HMAC_KEY })).toThrow(/published in the repository/);
    expect(() => loadConfig({ FM_HMAC_KEY: 'palm-hospital-local-dev-key-change-me' })).toThrow(/published in the repository/);
  });

  it('uses an obvious development key only with PALM_DEV=1, with a warning', () => {
    const warnings: string[] = [];
    const config = loadConfig({ PALM_DEV: '1' }, (m) => warnings.push(m));
    expect(config.hmacKey).toBe(DEV_HMAC_KEY);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/FM_HMAC_KEY/);
  });

  it.each([
    ['FM_PORT', '70000'],
    ['FM_PORT', 'abc'],
    ['HSB_TIMEOUT_MS', '0'],
    ['HSB_CONCURRENCY', '1.5'],
    ['FM_REF_TTL_S', '-1'],
    ['HSB_URL', 'ftp://hsb'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ FM_HMAC_KEY: 'k'.repeat(32), [name]: value })).toThrow(name);
  });
});
