// The session cookie: HttpOnly, SameSite=Lax, and in production Secure with the __Host-
// prefix (so no subdomain or plain-HTTP page can set or read it).
import type { AstroCookies } from 'astro';

export function sessionCookieName(production: boolean): string {
  return production ? '__Host-masthead_session' : 'masthead_session';
}

export function setSessionCookie(cookies: AstroCookies, production: boolean, token: string, expiresAt: Date): void {
  cookies.set(sessionCookieName(production), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    expires: expiresAt,
  });
}

export function deleteSessionCookie(cookies: AstroCookies, production: boolean): void {
  cookies.set(sessionCookieName(production), '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    maxAge: 0,
  });
}
