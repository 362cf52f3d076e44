// Resolves who the reader is, once per request, into Astro.locals. It never decides access:
// pages and actions call guards. A request that carries a session cookie never gets a
// response a shared cache may keep. When the database cannot be reached, every page and
// action that needs it answers a calm 503 (serviceUnavailable) instead of Astro's 500, and
// the next request tries the database again: the server recovers when the database does.
import { defineMiddleware } from 'astro:middleware';
import { sql } from 'drizzle-orm';
import { PRIVATE_NO_STORE } from './lib/http/cache-control.ts';
import { trailingSlashRedirect } from './lib/http/trailing-slash.ts';
import { deleteSessionCookie, sessionCookieName } from './server/auth/session-cookie.ts';
import { validateSessionToken } from './server/auth/sessions.ts';
import { serverEnv } from './server/auth/request-context.ts';
import { getDb } from './server/db/database.ts';
import { databaseUnavailableCode } from './server/db/database-unavailable.ts';
import { now } from './server/content/clock.ts';
import { serviceUnavailable } from './server/http/service-unavailable.ts';

/** How long the check after a failed page may take: longer means the database is not there. */
const PROBE_TIMEOUT_MS = 3000;

/** Logs one line per failure (not a stack trace per request while the database is away). */
function logUnavailable(where: string, code: string, request: Request): void {
  console.error(`[masthead] database unreachable (${code}) during ${where} of ${request.method} ${new URL(request.url).pathname}: answered 503`);
}

/** Whether a trivial query succeeds now; anything but a database-unreachable failure counts as yes. */
async function probeDatabase(): Promise<string | undefined> {
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
 * Whether a failed answer may hide a database outage. Astro turns any error thrown inside an
 * action into an action result (INTERNAL_SERVER_ERROR, not an exception), and the pages
 * answer that with 400 (src/lib/forms/form-state.ts), so a form post answered 400 is checked
 * too, not only a 5xx. Refusals the app chose (401, 402, 403, 404, 409, 429) are not: a flood
 * of wrong passwords must not cost a second query each.
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
async function renderOrUnavailable(request: Request, next: () => Promise<Response>, unavailable: () => Response): Promise<Response> {
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    const code = databaseUnavailableCode(error);
    if (!code) throw error;
    logUnavailable('the page', code, request);
    return unavailable();
  }
  if (!worthProbing(request, response)) return response;
  const code = await probeDatabase();
  if (!code) return response;
  await response.body?.cancel().catch(() => {});
  logUnavailable('an action or endpoint', code, request);
  return unavailable();
}

export const onRequest = defineMiddleware(async (ctx, next) => {
  const slashed = trailingSlashRedirect(ctx.request.method, ctx.url.pathname, ctx.url.search);
  if (slashed) return ctx.redirect(slashed, 301);
  ctx.locals.user = null;
  ctx.locals.session = null;
  const { production, publicationName } = serverEnv();
  const unavailable = () => serviceUnavailable({ request: ctx.request, publicationName });
  const token = ctx.cookies.get(sessionCookieName(production))?.value;
  if (!token) return renderOrUnavailable(ctx.request, next, unavailable);

  try {
    const result = await validateSessionToken(await getDb(), token, now());
    if (result.session) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
    } else {
      deleteSessionCookie(ctx.cookies, production);
    }
  } catch (error) {
    const code = databaseUnavailableCode(error);
    if (!code) throw error;
    logUnavailable('the session check', code, ctx.request);
    return unavailable();
  }
  const response = await renderOrUnavailable(ctx.request, next, unavailable);
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  return response;
});
