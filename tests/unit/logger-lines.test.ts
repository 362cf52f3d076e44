import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/log/logger.ts';
import { runInRequest, type RequestRecord } from '../../src/server/log/request-record.ts';
import { astroLine } from '../../src/server/log/astro-log-sink.ts';
import { requestLineJson } from '../../src/server/log/request-line-writer.ts';
import type { RequestLineFields } from '../../src/server/log/request-line.ts';

/** A logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ format: 'json', level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

const record: RequestRecord = { id: 'req-42', method: 'POST', startedAt: 0, route: '/account', reader: 'reader', cache: undefined };

describe('log lines', () => {
  it('are JSON with the level as a word, an ISO time and the message; no pid or host', () => {
    const { logger, lines } = capture();
    logger.info('Masthead is serving');
    expect(lines[0]).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), msg: 'Masthead is serving' });
  });

  it('carry the id of the request they were logged during, and none outside one', async () => {
    const { logger, lines } = capture();
    await runInRequest(record, async () => {
      await Promise.resolve();
      logger.info({ event: 'story.unlocked' }, 'story.unlocked');
    });
    logger.info('later');
    expect(lines[0]).toMatchObject({ requestId: 'req-42', event: 'story.unlocked' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('hold an error as its type, message and stack, with its cause, cleaned of addresses and tokens', () => {
    const { logger, lines } = capture();
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432');
    runInRequest(record, () => logger.error({ err: new TypeError('no row for nora@example.com (token=abc)', { cause }) }, 'action failed'));
    const err = lines[0]?.err as { type: string; message: string; stack: string };
    expect(lines[0]).toMatchObject({ level: 'error', requestId: 'req-42', msg: 'action failed' });
    expect(err.type).toBe('TypeError');
    expect(err.message).toBe('no row for [email] (token=[redacted])');
    expect(err.stack).toMatch(/^TypeError: no row for \[email\] \(token=\[redacted\]\)\n\s+at /);
    expect(err.stack).toContain('caused by: Error: connect ECONNREFUSED [address]:5432');
  });

  it("turn Astro's error with a stack into one error line with err, and its other messages into lines with their label", () => {
    const stack = 'Error: relation "billing_customers" does not exist\n    at customerIdOf (file:///x/customers.mjs:1:2)';
    expect(astroLine({ label: null, level: 'error', message: stack, newLine: true })).toEqual({
      fields: { err: { type: 'Error', message: 'relation "billing_customers" does not exist', stack } },
      msg: 'Error: relation "billing_customers" does not exist',
    });
    expect(astroLine({ label: 'router', level: 'warn', message: '\u001b[33mNo route for nora@example.com\u001b[39m', newLine: true })).toEqual({ fields: { astro: 'router' }, msg: 'No route for [email]' });
  });

  it('write the request line made by hand exactly as pino would write it', () => {
    const { logger, lines } = capture();
    const fields: RequestLineFields = { requestId: 'Root=1-abc/def', method: 'GET', route: '/[section]/[slug]', status: 200, durationMs: 0.42, cache: 'hit', reader: 'anonymous' };
    logger.info(fields, 'request');
    const time = Date.parse(String(lines[0]?.time));
    expect(requestLineJson(fields, time)).toBe(`${JSON.stringify(lines[0])}\n`);
    const odd = { ...fields, route: '/"quoted"/\\/é' };
    expect(JSON.parse(requestLineJson(odd, time))).toMatchObject({ route: odd.route });
  });
});
