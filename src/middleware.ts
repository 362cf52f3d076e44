// Resolves who the reader is, once per request, into Astro.locals. It never decides access:
// pages and actions call guards. A request that carries a session cookie never gets a
// response a shared cache may keep. When the database cannot be reached, every page and
// action that needs it answers a calm 503 (serviceUnavailable) instead of Astro's 500, and
// the next request tries the database again: the server recovers when the database does.
// A signed-in GET may be rendered as a frame and assembled (src/server/http/frame-from-render.ts).
// The request log (src/server/log/request-record.ts) is told the route pattern and the reader.
import { defineMiddleware } from 'astro:middleware';
import { PRIVATE_NO_STORE } from './lib/http/cache-control.ts';
import { trailingSlashRedirect } from './lib/http/trailing-slash.ts';
import { deleteSessionCookie, sessionCookieName, setSessionCookie } from './server/auth/session-cookie.ts';
import { validateSessionToken } from './server/auth/sessions.ts';
import { serverEnv } from './server/auth/request-context.ts';
import { getDb } from './server/db/database.ts';
import { databaseUnavailableCode } from './server/db/database-unavailable.ts';
import { now } from './server/content/clock.ts';
import { serviceUnavailable } from './server/http/service-unavailable.ts';
import { logUnavailable, renderOrUnavailable } from './server/http/database-outage.ts';
import { refuseJsonToAction } from './server/http/action-body.ts';
import { abandonFrameRender, assembleRendered, startFrameRender } from './server/http/frame-from-render.ts';
import { currentRequest, readerKindOf } from './server/log/request-record.ts';

export const onRequest = defineMiddleware(async (ctx, next) => {
  // The route that answered first: a 500 or 404 page rendered for it keeps it.
  const record = currentRequest();
  if (record) record.route ??= ctx.routePattern;
  const slashed = trailingSlashRedirect(ctx.request.method, ctx.url.pathname, ctx.url.search);
  if (slashed) return ctx.redirect(slashed, 301);
  const refused = refuseJsonToAction(ctx.request, ctx.url);
  if (refused) return refused;
  ctx.locals.user = null;
  ctx.locals.session = null;
  ctx.locals.framing = false;
  const { production, publicationName } = serverEnv();
  const unavailable = () => serviceUnavailable({ request: ctx.request, publicationName });
  const token = ctx.cookies.get(sessionCookieName(production))?.value;
  if (!token) return renderOrUnavailable(ctx.request, next, unavailable);

  try {
    const result = await validateSessionToken(await getDb(), token, now());
    if (result.session) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
      if (record) record.reader = readerKindOf(result.user.role, false);
      // Lucia's guide: when use extends the session, the cookie is set again with the new
      // expiry, or the browser would drop it 30 days after sign-in however often it is used.
      if (result.renewed) setSessionCookie(ctx.cookies, production, token, result.session.expiresAt);
    } else {
      deleteSessionCookie(ctx.cookies, production);
    }
  } catch (error) {
    const code = databaseUnavailableCode(error);
    if (!code) throw error;
    logUnavailable('the session check', code, ctx.request);
    return unavailable();
  }
  const framing = startFrameRender(ctx.request, ctx.url, ctx.locals.user !== null, ctx.routePattern);
  ctx.locals.framing = framing !== undefined;
  let response: Response;
  try {
    response = await renderOrUnavailable(ctx.request, next, unavailable);
  } catch (error) {
    if (framing) abandonFrameRender(framing);
    throw error;
  }
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  // A member is known where the page looked their membership up (an article); elsewhere a
  // signed-in reader who is not an editor is logged as `reader`.
  if (record && ctx.locals.pageFrame?.state === 'member') record.reader = 'member';
  return framing ? assembleRendered(framing, response, ctx.locals) : response;
});
