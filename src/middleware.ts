// Resolves who the reader is, once per request, into Astro.locals. It never decides access:
// pages and actions call guards. A request that carries a session cookie never gets a
// response a shared cache may keep.
import { defineMiddleware } from 'astro:middleware';
import { PRIVATE_NO_STORE } from './lib/http/cache-control.ts';
import { trailingSlashRedirect } from './lib/http/trailing-slash.ts';
import { deleteSessionCookie, sessionCookieName } from './server/auth/session-cookie.ts';
import { validateSessionToken } from './server/auth/sessions.ts';
import { serverEnv } from './server/auth/request-context.ts';
import { getDb } from './server/db/database.ts';
import { now } from './server/content/clock.ts';
import { serviceUnavailable } from './server/http/service-unavailable.ts';

export const onRequest = defineMiddleware(async (ctx, next) => {
  const slashed = trailingSlashRedirect(ctx.request.method, ctx.url.pathname, ctx.url.search);
  if (slashed) return ctx.redirect(slashed, 301);
  ctx.locals.user = null;
  ctx.locals.session = null;
  const { production } = serverEnv();
  const token = ctx.cookies.get(sessionCookieName(production))?.value;
  if (!token) return next();

  try {
    const result = await validateSessionToken(await getDb(), token, now());
    if (result.session) {
      ctx.locals.user = result.user;
      ctx.locals.session = result.session;
    } else {
      deleteSessionCookie(ctx.cookies, production);
    }
  } catch (error) {
    console.error('[masthead] could not check the session:', error);
    return serviceUnavailable();
  }
  const response = await next();
  response.headers.set('Cache-Control', PRIVATE_NO_STORE);
  return response;
});
