// Bounds how many password sign-in requests this process works on at once. The gate on
// argon2 (password-check-gate.ts) keeps guesses from taking the CPU's hashing time, but each
// refused guess still costs the form parsing, the action and a rendered sign-in page (about
// as much as a signed-in page): 300 at once kept the event loop busy for over a second
// (bench/sign-in-burst.mjs). Past this bound the middleware answers at once, before Astro
// reads the form, with a small page that offers the ways in no guesser can block.

/**
 * Room for the gate's checks (two running, eight waiting) and the requests around them that
 * are being parsed or answered; measured with bench/sign-in-burst.mjs.
 */
export const SIGN_IN_REQUESTS_AT_ONCE = 16;

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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * 429 with a page that needs nothing (no database, no component): what happened, and the
 * e-mailed link form, which no burst of guesses holds back.
 */
export function signInBusyResponse(publicationName: string, message: string): Response {
  const name = escapeHtml(publicationName);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign in · ${name}</title>
<style>body{margin:0 auto;max-width:36rem;padding:2rem 1.25rem;font:1.125rem/1.6 Georgia,serif;color:#1b1b1b;background:#fffdf9}label,input,button{display:block;font:inherit;margin-block:.4rem}input{width:100%;padding:.4rem}a{color:#14406b}</style>
</head>
<body>
<p><a href="/">${name}</a></p>
<main>
<h1>Too many sign-in attempts just now</h1>
<p>${escapeHtml(message)}</p>
<form method="post" action="/sign-in/?_action=requestLink">
<input type="hidden" name="next" value="/">
<label for="email">E-mail address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254">
<button type="submit">E-mail me a link</button>
</form>
<p><a href="/forgot-password/">Forgot your password?</a> · <a href="/sign-in/">Back to sign in</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 429, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '1' } });
}
