// Which errors count as "the database is unreachable" (a 503 and a retry) and which stay
// ordinary failures (a 500): the shapes are those postgres.js, Node and Drizzle really throw.
// Then the 503 answer itself, as a browser and as a script receive it.
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { databaseUnavailableCode, isDatabaseUnavailable } from '../../src/server/db/database-unavailable.ts';
import { RETRY_AFTER_SECONDS, serviceUnavailable } from '../../src/server/http/service-unavailable.ts';

/** An error as postgres.js builds one for a lost connection (Errors.connection). */
function driverError(code: string): Error {
  return Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code, errno: code, address: '127.0.0.1', port: 5432 });
}

/** A Node socket error, as from net.connect. */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

/** A PostgreSQL server error (postgres.js's PostgresError carries the SQLSTATE as code). */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'PostgresError', code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  it.each(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT'])('is true for postgres.js %s', (code) => {
    expect(isDatabaseUnavailable(driverError(code))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'])('is true for the socket error %s', (code) => {
    expect(isDatabaseUnavailable(socketError(code))).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
  ])('is true for the server state %s', (code, message) => {
    expect(isDatabaseUnavailable(serverError(code, message))).toBe(true);
  });

  it('looks through Drizzle, which wraps the driver error as its cause', () => {
    const wrapped = new DrizzleQueryError('select 1', [], driverError('CONNECTION_CLOSED'));
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('looks into an AggregateError when every attempt failed for want of a server', () => {
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), new Error('bug')]))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([]))).toBe(false);
  });

  it('is false for errors that are the query or the code at fault', () => {
    expect(isDatabaseUnavailable(serverError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('40001', 'could not serialize access'))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select nope', [], serverError('42703', 'column does not exist')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('UNDEFINED_VALUE: Undefined values are not allowed'), { code: 'UNDEFINED_VALUE' }))).toBe(false);
  });

  it('is false for things that are not errors, and stops on a cause that points back at itself', () => {
    for (const value of [undefined, null, 'ECONNREFUSED', 42, { code: 1 }]) expect(isDatabaseUnavailable(value)).toBe(false);
    const cyclic: Error & { cause?: unknown } = new Error('loop');
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailable(cyclic)).toBe(false);
  });
});

describe('databaseUnavailableCode', () => {
  it('names the code found, for the log line', () => {
    expect(databaseUnavailableCode(new DrizzleQueryError('select 1', [], socketError('ECONNREFUSED')))).toBe('ECONNREFUSED');
    expect(databaseUnavailableCode(new Error('bug'))).toBeUndefined();
  });
});

describe('serviceUnavailable, the answer while the database is away', () => {
  const request = (path: string, accept = 'text/html') => new Request(`http://127.0.0.1${path}`, { headers: { Accept: accept } });

  it('gives a browser the calm page: 503, Retry-After, never stored, named after the publication', async () => {
    const response = serviceUnavailable({ request: request('/account/'), publicationName: 'The <Ledger>' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('back in a moment');
    expect(html).toContain('The &#60;Ledger&#62;');
    expect(html).not.toContain('<Ledger>');
  });

  it('gives the webhook endpoint, actions called from scripts and JSON clients a JSON body', async () => {
    for (const r of [request('/api/stripe/webhook', '*/*'), request('/_actions/unlock/', '*/*'), request('/account/', 'application/json')]) {
      const response = serviceUnavailable({ request: r });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toMatchObject({ error: expect.stringContaining('database') });
    }
  });
});
