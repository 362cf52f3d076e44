// Pages the server answers without Astro, so without a database or a component: the 503 page
// when the database is away, and the refusal of a sign-in burst before Astro sees it. One
// shell in the site's own look, with the tokens of src/styles/base.css inlined (no stylesheet
// request to fail).

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LOOK = `:root{--ink:#1b1b1b;--ink-soft:#4a4744;--paper:#fffdf9;--rule:#d9d1c5;--accent:#7a1f2b;--link:#14406b;--focus:#1a5fb4;
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
a:focus-visible,input:focus-visible,button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
label,input,button{display:block;font:inherit;margin-block:.4rem}
input{width:100%;padding:.4rem}`;

export interface StandalonePage {
  /** The page's own title, before " · <publication>". */
  title: string;
  publicationName: string;
  /** The eyebrow above the heading. */
  eyebrow: string;
  heading: string;
  /** HTML after the heading; whatever it carries from input must already be escaped. */
  body: string;
}

export function standalonePage(page: StandalonePage): string {
  const name = escapeHtml(page.publicationName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · ${name}</title>
<style>
${LOOK}
</style>
</head>
<body>
<header><div class="wrap"><a href="/">${name}</a></div></header>
<main class="wrap error-page">
<p class="eyebrow">${escapeHtml(page.eyebrow)}</p>
<h1>${escapeHtml(page.heading)}</h1>
${page.body}
</main>
</body>
</html>
`;
}
