// The server's settings: defaults, and mistakes that must stop the server with a clear message.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readServerEnv } from '../../src/server/config/server-env.ts';

describe('readServerEnv', () => {
  it('runs on the embedded database and the outbox by default', () => {
    const env = readServerEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.smtpUrl).toBeUndefined();
    expect(env.production).toBe(false);
    expect(env.trustProxy).toBe(false);
    expect(env.stripe).toBeUndefined();
    expect(env.graceDays).toBe(7);
  });

  it('refuses production without SMTP_URL, saying why', () => {
    expect(() => readServerEnv({ NODE_ENV: 'production' })).toThrow(/SMTP_URL is not set/);
    expect(readServerEnv({ NODE_ENV: 'production' }, { forServer: false }).production).toBe(true);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => readServerEnv({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['false', false],
    ['', false],
  ])('reads TRUST_PROXY=%s as %s', (value, expected) => {
    expect(readServerEnv({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it.each(['1', 'yes', 'on'])('refuses TRUST_PROXY=%s: booleans are true or false', (value) => {
    expect(() => readServerEnv({ TRUST_PROXY: value })).toThrow('TRUST_PROXY must be true or false');
  });

  it('takes ./content as the content folder unless MASTHEAD_CONTENT_DIR names another', () => {
    expect(readServerEnv({})).toMatchObject({ contentDir: path.resolve('content'), contentDirGiven: false });
    expect(readServerEnv({ MASTHEAD_CONTENT_DIR: 'tests/x' })).toMatchObject({ contentDir: path.resolve('tests/x'), contentDirGiven: true });
  });

  it('watches the content folder on the embedded database and not on PostgreSQL, unless CONTENT_WATCH says otherwise', () => {
    const postgres = 'postgres://db.example:5432/masthead';
    expect(readServerEnv({}).contentWatch).toBe(true);
    expect(readServerEnv({ DATABASE_URL: postgres }).contentWatch).toBe(false);
    expect(readServerEnv({ CONTENT_WATCH: 'false' }).contentWatch).toBe(false);
    expect(readServerEnv({ DATABASE_URL: postgres, CONTENT_WATCH: 'true' }).contentWatch).toBe(true);
    expect(() => readServerEnv({ CONTENT_WATCH: 'yes' })).toThrow('CONTENT_WATCH must be true or false');
  });

  it('bounds the anonymous cache at 64 MB unless ANONYMOUS_CACHE_MB says otherwise, and refuses nonsense', () => {
    expect(readServerEnv({}).anonymousCacheBytes).toBe(64 * 1024 * 1024);
    expect(readServerEnv({ ANONYMOUS_CACHE_MB: '8' }).anonymousCacheBytes).toBe(8 * 1024 * 1024);
    for (const bad of ['0', '-1', '1.5', 'lots']) expect(() => readServerEnv({ ANONYMOUS_CACHE_MB: bad })).toThrow('ANONYMOUS_CACHE_MB must be a whole number of at least 1');
  });
});
