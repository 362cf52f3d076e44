// Readers driven over plain HTTP against any base URL (a server a test started, or nginx in
// front of several). Unlike http-reader.ts (Playwright's request contexts against the e2e
// server) there is no cookie jar: the session cookie is a string the test carries by hand, so
// it can show one instance's cookie being accepted by another.
import { randomBytes } from 'node:crypto';
import type { MailBox } from './mail-box.ts';
import { sessionCookieName } from '../../src/server/auth/session-cookie.ts';

/** The session cookie's name outside production, where tests run. */
export const SESSION_COOKIE = sessionCookieName(false);

export interface SignedInReader {
  email: string;
  password: string;
  /** `masthead_session=<token>`, ready for a Cookie header. */
  cookie: string;
}

/** A client address of its own (servers run with TRUST_PROXY=true), so rate limits never collide. */
export function randomClientAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export interface FormOptions {
  cookie?: string | undefined;
  /** X-Forwarded-For; a fresh random address unless given. */
  clientAddress?: string | undefined;
  /** The Origin header; the base URL unless given (Astro refuses cross-site form posts). */
  origin?: string;
}

/** POSTs a form as a browser without JavaScript would, without following the redirect. */
export function postForm(baseUrl: string, path: string, form: Record<string, string>, options: FormOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: options.origin ?? baseUrl,
    'X-Forwarded-For': options.clientAddress ?? randomClientAddress(),
  };
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(new URL(path, baseUrl), { method: 'POST', headers, body: new URLSearchParams(form), redirect: 'manual' });
}

/** GETs a page, with a session cookie when given. */
export function getPage(baseUrl: string, path: string, cookie?: string): Promise<Response> {
  return fetch(new URL(path, baseUrl), { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' });
}

/** The session cookie a response sets, as `name=value`; undefined if it sets none. */
export function sessionCookieOf(response: { headers: Headers }): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = (pair ?? '').split('=');
    if (name?.trim() === SESSION_COOKIE && value) return `${SESSION_COOKIE}=${value}`;
  }
  return undefined;
}

export function newAddress(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

/** Registers on `baseUrl` and confirms the address from the e-mail: verified, 3 credits, signed in. */
export async function registerVerifiedReader(baseUrl: string, mail: MailBox, label = 'reader'): Promise<SignedInReader> {
  const email = newAddress(label);
  const password = `a long phrase ${randomBytes(4).toString('hex')}`;
  const registered = await postForm(baseUrl, '/register/?_action=register', { email, password, next: '/' });
  if (registered.status !== 303) throw new Error(`registration answered ${registered.status}: ${(await registered.text()).slice(0, 300)}`);
  const link = new URL(await mail.waitForLink(email, 'Confirm your e-mail'), baseUrl);
  const token = link.searchParams.get('token') ?? '';
  const verified = await postForm(baseUrl, '/verify-email/?_action=verifyEmail', { token, next: '/' });
  const cookie = sessionCookieOf(verified);
  if (verified.status !== 303 || !cookie) throw new Error(`verification answered ${verified.status} without a session cookie`);
  return { email, password, cookie };
}

/** Signs in with a password; the response is returned as it is (303 and a cookie on success). */
export function signIn(baseUrl: string, email: string, password: string, clientAddress?: string): Promise<Response> {
  return postForm(baseUrl, '/sign-in/?_action=signIn', { email, password, next: '/' }, { clientAddress });
}

/** POSTs a story's unlock form; 303 means unlocked (or access already there). */
export function unlock(baseUrl: string, cookie: string, story: { section: string; slug: string }): Promise<Response> {
  return postForm(baseUrl, `/${story.section}/${story.slug}/?_action=unlock`, { slug: story.slug }, { cookie });
}
