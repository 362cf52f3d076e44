// What a reader does over HTTP, as the browser's forms do it: sign in with a password, unlock
// a story, read a page with the session cookie. Each call reports whether the answer was the
// one a working site gives, so load loops can count anything else as a failure.
import { checkSignInAnswer, checkUnlockAnswer } from './page-checks.mjs';
import { SESSION_COOKIE } from './seed-readers.mjs';

export const cookieHeader = (token) => ({ cookie: `${SESSION_COOKIE}=${token}` });

function postForm(base, pathname, form, headers = {}) {
  return fetch(base + pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

let addressSerial = 0;
/**
 * Each sign-in comes from a client address of its own (bench servers trust X-Forwarded-For),
 * as readers' sign-ins do: the server lets one password check per client address run at once
 * (src/server/auth/password-check-gate.ts), which would otherwise hold the whole bench back.
 */
const nextAddress = () => {
  addressSerial += 1;
  return `10.${100 + ((addressSerial >> 16) & 127)}.${(addressSerial >> 8) & 255}.${addressSerial & 255}`;
};

/** Password sign-in: a working site answers 303 with a fresh session cookie. */
export async function signIn(base, email, password) {
  const res = await postForm(base, '/sign-in/?_action=signIn', { email, password, next: '/' }, { 'x-forwarded-for': nextAddress() });
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  const token = cookie?.slice(SESSION_COOKIE.length + 1);
  const check = checkSignInAnswer({ status: res.status, token });
  return { ok: check.ok, status: res.status, token, detail: check.ok ? undefined : check.problems.join('; ') };
}

/** Unlock: a working site answers 303 to the story's #key-insights. */
export async function unlock(base, story, token) {
  const res = await postForm(base, `${story.path}?_action=unlock`, { slug: story.slug }, cookieHeader(token));
  await res.arrayBuffer();
  const check = checkUnlockAnswer({ status: res.status, location: res.headers.get('location') }, story);
  return { ok: check.ok, status: res.status, detail: check.ok ? undefined : check.problems.join('; ') };
}

/** A GET that must answer 200 (with the cookie when a token is given). */
export async function page(base, pathname, token) {
  const res = await fetch(base + pathname, { redirect: 'manual', headers: token ? cookieHeader(token) : {} });
  await res.arrayBuffer();
  return { ok: res.status === 200, status: res.status };
}
