// The server's settings: defaults, and mistakes that must stop the server with a clear message.
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
});
