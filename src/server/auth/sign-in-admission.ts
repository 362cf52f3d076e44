// Bounds how many password sign-in requests this process works on at once. The gate on
// argon2 (password-check-gate.ts) keeps guesses from taking the CPU's hashing time, but a
// refused guess that reaches Astro still costs the request pipeline, the form, the action and
// a rendered sign-in page: 300 at once kept the event loop busy for over a second
// (bench/sign-in-burst.mjs). Past this bound the Node server (scripts/serve.ts) answers at
// once, before Astro sees the request (about a tenth of the cost of the cheapest answer from
// the middleware), with a small page that offers the ways in no guesser can block.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_MESSAGES } from './auth-error.ts';
import { escapeHtml, standalonePage } from '../http/standalone-page.ts';

/**
 * Room for a busy moment's real sign-ins (the 20 clients of the sign-in row of `npm run bench`
 * stay within it) while a burst's excess is answered for next to nothing: each request let in
 * costs a rendered page. Measured with bench/sign-in-burst.mjs (bench/README.md).
 */
export const SIGN_IN_REQUESTS_AT_ONCE = 24;

/** A form post (or a JavaScript call) to the password sign-in action. */
export function isPasswordSignIn(method: string, url: URL): boolean {
  if (method !== 'POST') return false;
  return url.searchParams.get('_action') === 'signIn' || /^\/_actions\/signIn\/?$/.test(url.pathname);
}

export class RequestBound {
  readonly limit: number;
  #inFlight = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Counts a request in and returns how to count it out, or null when the bound is reached. */
  enter(): (() => void) | null {
    if (this.#inFlight >= this.limit) return null;
    this.#inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#inFlight--;
    };
  }
}

export const signInRequests = new RequestBound(SIGN_IN_REQUESTS_AT_ONCE);

/** A page that needs nothing (no database, no component): what happened, and the e-mailed link form. */
export function signInBusyPage(publicationName: string, message: string): string {
  return standalonePage({
    title: 'Sign in',
    publicationName,
    eyebrow: 'Sign in',
    heading: 'Too many sign-in attempts just now',
    body: `<p>${escapeHtml(message)}</p>
<form method="post" action="/sign-in/?_action=requestLink">
<input type="hidden" name="next" value="/">
<label for="email">E-mail address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254">
<button type="submit">E-mail me a link</button>
</form>
<p><a href="/forgot-password/">Forgot your password?</a> · <a href="/sign-in/">Back to sign in</a></p>`,
  });
}

/**
 * For the Node server, before Astro: lets a password sign-in in and counts it out when its
 * response is done, or answers it 429 at once when the bound is reached (returns false).
 * Any other request passes untouched.
 */
export function admitSignIn(req: IncomingMessage, res: ServerResponse, publicationName: string, bound: RequestBound = signInRequests): boolean {
  if (req.method !== 'POST' || !isPasswordSignIn(req.method, new URL(req.url ?? '/', 'http://site.invalid'))) return true;
  const leave = bound.enter();
  if (leave) {
    res.once('close', leave);
    return true;
  }
  res.writeHead(429, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '1' });
  res.end(signInBusyPage(publicationName, AUTH_MESSAGES['sign-in-limited']));
  return false;
}
