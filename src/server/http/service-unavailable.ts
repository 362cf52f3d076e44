// The answer when the database cannot be reached: a 503 with Retry-After, never stored by a
// cache. Browsers get a calm page in the site's own look (a static string: it must render
// with no database and no Astro component); API and script callers get JSON.

export const RETRY_AFTER_SECONDS = 30;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page, with the tokens of src/styles/base.css inlined (no stylesheet request to fail). */
export function serviceUnavailablePage(publicationName: string): string {
  const name = escapeHtml(publicationName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Back shortly · ${name}</title>
<style>
:root{--ink:#1b1b1b;--ink-soft:#4a4744;--paper:#fffdf9;--rule:#d9d1c5;--accent:#7a1f2b;--link:#14406b;--focus:#1a5fb4;
--serif:'Iowan Old Style','Palatino Linotype',Palatino,'Source Serif Pro',Georgia,'Times New Roman',serif;
--sans:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:1.125rem/1.6 var(--serif)}
.wrap{max-width:72rem;margin-inline:auto;padding-inline:1.25rem}
header{border-bottom:1px solid var(--rule)}
header a{display:inline-block;padding-block:1.1rem .8rem;font:700 clamp(1.9rem,5vw,2.6rem)/1 var(--serif);letter-spacing:-.02em;color:var(--ink);text-decoration:none}
/* as .error-page in src/styles/listings.css, the look of the 500 page */
.error-page{padding-block:4rem;max-width:40rem}
.eyebrow{font:700 .78rem var(--sans);letter-spacing:.08em;text-transform:uppercase;color:var(--accent);margin:0 0 .4rem}
h1{font-size:2.4rem;line-height:1.15;margin:0 0 1rem}
p{color:var(--ink-soft)}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
</style>
</head>
<body>
<header><div class="wrap"><a href="/">${name}</a></div></header>
<main class="wrap error-page">
<p class="eyebrow">Back shortly</p>
<h1>We’ll be back in a moment</h1>
<p>We cannot reach our database just now, so this page cannot be shown. Nothing you did caused this, and nothing was charged or lost: please try again in a minute.</p>
<p>Stories you open without signing in may still be available from the <a href="/">front page</a>.</p>
</main>
</body>
</html>
`;
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
