// The refusals made before Astro sees a request, the body limits, and the headers every
// answer carries: as tables, without a server (tests/integration/hostile-http.test.ts drives
// the same rules over HTTP).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORM_BODY_LIMIT, WEBHOOK_BODY_LIMIT, bodyLimitFor, readTextWithin } from '../../src/server/http/body-limit.ts';
import { clientClosed, renderOrUnavailable } from '../../src/server/http/database-outage.ts';
import { listBuiltAssets, requestRefusal } from '../../src/server/http/request-guards.ts';
import { securityHeaders } from '../../src/server/http/security-headers.ts';
import { createLogger, log, provideLogger } from '../../src/server/log/logger.ts';
import { runInRequest } from '../../src/server/log/request-record.ts';

const client = mkdtempSync(path.join(os.tmpdir(), 'masthead-assets-'));
mkdirSync(path.join(client, '_astro', 'fonts'), { recursive: true });
writeFileSync(path.join(client, '_astro', 'index.Ab12_cd.css'), 'body{}');
writeFileSync(path.join(client, '_astro', 'fonts', 'serif.woff2'), '');
const assets = listBuiltAssets(client);
afterAll(() => rmSync(client, { recursive: true, force: true }));

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => requestRefusal({ method, url, headers }, assets);

describe('requestRefusal', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', undefined])('refuses %s with 405 and Allow', (method) => {
    const refusal = requestRefusal({ method, url: '/', headers: {} }, assets);
    expect(refusal?.status).toBe(405);
    expect(refusal?.headers.Allow).toBe('GET, HEAD, POST');
    expect(JSON.parse(refusal!.body).message).toMatch(/GET, HEAD, POST/);
  });

  it.each(['GET', 'HEAD', 'POST'])('serves %s', (method) => {
    expect(get('/', {}, method)).toBeUndefined();
  });

  it.each([
    ['/_astro/index.Ab12_cd.css', undefined],
    ['/_astro/index.Ab12_cd.css?v=1', undefined],
    ['/_astro/fonts/serif.woff2', undefined],
    ['/_astro/..\\autos\\some-story\\', 404],
    ['/_astro/../autos/some-story/', 404],
    ['/_astro/%2e%2e/autos/some-story/', 404],
    ['/_astro/.%2E/autos/', 404],
    ['/_astro/./index.Ab12_cd.css', 404],
    ['/_astro//index.Ab12_cd.css', 404],
    ['/_astro/index.Ab12_cd.css/', 404],
    ['/_astro/INDEX.Ab12_cd.css', 404],
    ['/_astro/', 404],
    ['/_astro/missing.css', 404],
    ['http://news.example.test/_astro/..\\autos\\', 404],
    ['/autos/some-story/', undefined],
  ])('%s → %s', (url, status) => {
    expect(get(url)?.status).toBe(status);
  });

  it('lists nothing (and refuses every /_astro/ path) for a build without the folder', () => {
    const none = listBuiltAssets(path.join(client, 'no-such-build'));
    expect(none.size).toBe(0);
    expect(requestRefusal({ method: 'GET', url: '/_astro/index.Ab12_cd.css', headers: {} }, none)?.status).toBe(404);
  });

  it.each([
    ['/sign-in/?_action=signIn', String(FORM_BODY_LIMIT), undefined],
    ['/sign-in/?_action=signIn', String(FORM_BODY_LIMIT + 1), 413],
    ['/_actions/signIn', String(200 * 1024 * 1024), 413],
    ['/api/stripe/webhook', String(WEBHOOK_BODY_LIMIT), undefined],
    ['/api/stripe/webhook', String(WEBHOOK_BODY_LIMIT + 1), 413],
    ['/api/stripe/webhook/', String(FORM_BODY_LIMIT + 1), 413], // any other spelling gets the form limit
    ['/sign-in/', undefined, undefined], // chunked: limited while read
  ])('POST %s with Content-Length %s → %s', (url, length, status) => {
    expect(get(url, length === undefined ? {} : { 'content-length': length }, 'POST')?.status).toBe(status);
  });

  it('gives the webhook the larger limit and everything else the form limit', () => {
    expect(bodyLimitFor('/api/stripe/webhook')).toBe(WEBHOOK_BODY_LIMIT);
    expect(bodyLimitFor('/register/')).toBe(FORM_BODY_LIMIT);
    expect(FORM_BODY_LIMIT).toBeLessThan(WEBHOOK_BODY_LIMIT);
  });
});

/** A chunked body of `chunks` pieces of 64 KiB, counting how many were pulled. */
function countingRequest(chunks: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(64 * 1024).fill(97));
    },
  });
  const request = new Request('http://masthead.invalid/api/stripe/webhook', { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('readTextWithin', () => {
  it('stops reading as soon as the body passes the limit', async () => {
    const { request, pulled } = countingRequest(3200); // 200 MiB
    expect(await readTextWithin(request, WEBHOOK_BODY_LIMIT)).toEqual({ tooLarge: true });
    expect(pulled()).toBeLessThan(20); // 1 MB is 16 chunks; a few more may be queued ahead
  });

  it('reads a body within the limit whole', async () => {
    const { request } = countingRequest(2);
    expect((await readTextWithin(request, WEBHOOK_BODY_LIMIT)).text).toBe('a'.repeat(128 * 1024));
  });

  it('refuses a declared length over the limit without reading', async () => {
    const request = new Request('http://masthead.invalid/', { method: 'POST', body: 'x', headers: { 'content-length': String(WEBHOOK_BODY_LIMIT + 1) } });
    expect(await readTextWithin(request, WEBHOOK_BODY_LIMIT)).toEqual({ tooLarge: true });
  });
});

describe('securityHeaders', () => {
  it('sends nosniff, a referrer policy, DENY framing and a policy that runs nothing', () => {
    const headers = securityHeaders({ production: false });
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(headers['Content-Security-Policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['Content-Security-Policy']).not.toMatch(/script-src/);
  });

  it('pins HTTPS in production only', () => {
    expect(securityHeaders({ production: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ production: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  });
});

describe('clientClosed', () => {
  const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  const databaseReset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });

  it.each([
    ['a body cut short by the client', aborted, true],
    ['the same, wrapped as a cause', new TypeError('terminated', { cause: aborted }), true],
    ['a database connection reset', databaseReset, false],
    ['no error', undefined, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(clientClosed(new Request('http://masthead.invalid/', { method: 'POST' }), error)).toBe(expected);
  });

  it('makes a hung-up upload a logged "client closed the request", never a 503 or an outage line', async () => {
    const lines: { level: string; msg: string }[] = [];
    const before = log();
    provideLogger(createLogger({ format: 'json', level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: string; msg: string }) }));
    try {
      const request = new Request('http://masthead.invalid/sign-in/?_action=signIn', { method: 'POST' });
      const unavailable = () => new Response('503', { status: 503 });
      const record = { id: 'req-1', method: 'POST', startedAt: 0, route: '/sign-in', reader: 'anonymous', cache: undefined } as const;
      const response = await runInRequest({ ...record }, () => renderOrUnavailable(request, () => Promise.reject(aborted), unavailable));
      expect(response.status).toBe(499);
      expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/client closed the request POST \/sign-in before/) })]);
    } finally {
      provideLogger(before);
    }
  });

  it('is true whenever the request’s signal was aborted (the socket closed)', () => {
    const controller = new AbortController();
    controller.abort();
    expect(clientClosed(new Request('http://masthead.invalid/', { method: 'POST', signal: controller.signal }), new Error('anything'))).toBe(true);
  });
});
