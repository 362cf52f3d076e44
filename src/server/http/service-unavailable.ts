// The answer when the database cannot be reached: a 503 with Retry-After, never stored by a
// cache. Browsers get a calm page in the site's own look (a static string: it must render
// with no database and no Astro component); API and script callers get JSON.

import { standalonePage } from './standalone-page.ts';

export const RETRY_AFTER_SECONDS = 30;

/** The calm page, in the site's own look (standalone-page.ts). */
export function serviceUnavailablePage(publicationName: string): string {
  return standalonePage({
    title: 'Back shortly',
    publicationName,
    eyebrow: 'Back shortly',
    heading: 'We’ll be back in a moment',
    body: `<p>We cannot reach our database just now, so this page cannot be shown. Nothing you did caused this, and nothing was charged or lost: please try again in a minute.</p>
<p>Stories you open without signing in may still be available from the <a href="/">front page</a>.</p>`,
  });
}

/** True when the caller is a script or an API client rather than a browser page load. */
function wantsJson(request: Request | undefined): boolean {
  if (!request) return false;
  const path = new URL(request.url).pathname;
  if (path.startsWith('/api/') || path.startsWith('/_actions/')) return true;
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function serviceUnavailable(options: { request?: Request; publicationName?: string } = {}): Response {
  const headers = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  if (wantsJson(options.request)) {
    const body = JSON.stringify({ error: 'The service is briefly unavailable: its database cannot be reached. Please retry.' });
    return new Response(body, { status: 503, headers: { ...headers, 'Content-Type': 'application/json' } });
  }
  return new Response(serviceUnavailablePage(options.publicationName ?? 'Masthead'), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
