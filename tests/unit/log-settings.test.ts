import { describe, expect, it } from 'vitest';
import { readLogSettings } from '../../src/server/log/log-settings.ts';

describe('log settings', () => {
  it.each([
    { env: {}, terminal: true, format: 'pretty', why: 'outside production, at a terminal' },
    { env: {}, terminal: false, format: 'json', why: 'outside production, into a pipe or a file' },
    { env: { NODE_ENV: 'production' }, terminal: true, format: 'json', why: 'in production, even at a terminal' },
    { env: { NODE_ENV: 'production', LOG_FORMAT: 'pretty' }, terminal: false, format: 'pretty', why: 'LOG_FORMAT wins in production' },
    { env: { LOG_FORMAT: 'JSON ' }, terminal: true, format: 'json', why: 'LOG_FORMAT wins at a terminal, in any case and spacing' },
    { env: { LOG_FORMAT: '' }, terminal: true, format: 'pretty', why: 'an empty LOG_FORMAT is unset' },
  ] as const)('$format $why', ({ env, terminal, format }) => {
    expect(readLogSettings(env, terminal).format).toBe(format);
  });

  it('logs at info unless LOG_LEVEL says otherwise; silent turns the lines off', () => {
    expect(readLogSettings({}, false).level).toBe('info');
    expect(readLogSettings({ LOG_LEVEL: 'silent' }, false).level).toBe('silent');
    expect(readLogSettings({ LOG_LEVEL: 'Warn' }, false).level).toBe('warn');
  });

  it.each([
    ['LOG_FORMAT', 'text', /LOG_FORMAT must be one of json, pretty \(it is "text"\)\. For example LOG_FORMAT=json/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(it is "verbose"\)/],
  ])('refuses %s=%s with the variable, the value and an example', (name, value, message) => {
    expect(() => readLogSettings({ [name]: value }, false)).toThrow(message);
  });
});
