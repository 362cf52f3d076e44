// Database outages seen from a request: a page or action whose database cannot be reached
// answers a calm 503 (serviceUnavailable) instead of Astro's 500, and the next request tries
// the database again, so the server recovers when the database does. A client that hangs up
// mid-request is not an outage: Node reports it as ECONNRESET too, so it is told apart first.
import { sql } from 'drizzle-orm';
import { getDb } from '../db/database.ts';
import { databaseUnavailableCode } from '../db/database-unavailable.ts';
import { log } from '../log/logger.ts';
import { currentRequest } from '../log/request-record.ts';

/** Nobody reads an answer to a client that has gone (nginx's code for it). */
const CLIENT_CLOSED_STATUS = 499;

/** How long the check after a failed page may take: longer means the database is not there. */
const PROBE_TIMEOUT_MS = 3000;

/** The route being answered, never the URL (which may hold a token); `a page` outside a request. */
function routeOf(): string {
  return currentRequest()?.route ?? 'a page';
}

/** Logs one line per failure (not a stack trace per request while the database is away). */
export function logUnavailable(where: string, code: string, request: Request): void {
  log().error({ databaseCode: code }, `database unreachable (${code}) during ${where} of ${request.method} ${routeOf()}: answered 503`);
}

/** Node's error when the client closes the connection before its body is read
 * (`connResetException('aborted')` on the IncomingMessage), possibly wrapped in a cause. */
function isAbortedBody(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (code === 'ECONNRESET' && message === 'aborted') return true;
  return isAbortedBody(cause, depth + 1);
}

/** Whether the client went away before its request was answered: the adapter aborts the
 * request's signal when the socket closes, and a body cut short fails with Node's 'aborted'. */
export function clientClosed(request: Request, error?: unknown): boolean {
  return request.signal.aborted || isAbortedBody(error);
}

/** One line, so a hung-up upload is never read as a database outage in the logs. */
export function logClientClosed(request: Request): void {
  log().warn(`client closed the request ${request.method} ${routeOf()} before it was answered: not an outage, nothing answered`);
}

function clientClosedAnswer(request: Request): Response {
  logClientClosed(request);
  return new Response(null, { status: CLIENT_CLOSED_STATUS, headers: { 'Cache-Control': 'no-store' } });
}

/** Why the database cannot be reached right now (a code), or undefined when a trivial query
 * answers within PROBE_TIMEOUT_MS; a failure other than unreachable counts as answering. */
export async function probeDatabase(): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('PROBE_TIMEOUT'), PROBE_TIMEOUT_MS)));
  const probe = getDb()
    .then((db) => db.execute(sql`select 1`))
    .then(() => undefined, (error: unknown) => databaseUnavailableCode(error));
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a failed answer may hide a database outage: any 5xx (an action's unforeseen failure
 * answers 500 or 503, see src/actions/errors.ts), and a form post answered 400 (how Astro
 * answers an action error it could not classify). Refusals the app chose (401, 402, 403, 404,
 * 409, 429) are not: a flood of wrong passwords must not cost a second query each.
 */
function worthProbing(request: Request, response: Response): boolean {
  if (response.status >= 500) return true;
  const url = new URL(request.url);
  const isAction = url.searchParams.has('_action') || url.pathname.startsWith('/_actions/');
  return request.method === 'POST' && isAction && response.status === 400;
}

/**
 * Renders the page (and runs its action). An error that says the database is unreachable
 * becomes a 503. A failed answer (see worthProbing) becomes a 503 too when the database does
 * not answer a probe right after it; when it does, the page's own answer stands.
 */
export async function renderOrUnavailable(request: Request, next: () => Promise<Response>, unavailable: () => Response): Promise<Response> {
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    if (clientClosed(request, error)) return clientClosedAnswer(request);
    const code = databaseUnavailableCode(error);
    if (!code) throw error;
    logUnavailable('the page', code, request);
    return unavailable();
  }
  if (!worthProbing(request, response)) return response;
  // A form Astro could not read because the client hung up answers 400: not worth a probe.
  if (clientClosed(request)) return clientClosedAnswer(request);
  const code = await probeDatabase();
  if (!code) return response;
  await response.body?.cancel().catch(() => {});
  logUnavailable('an action or endpoint', code, request);
  return unavailable();
}
