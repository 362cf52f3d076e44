// Just enough HTML reading for the benchmarks' page checks (bench/lib/page-checks.mjs): the
// opening tags with their attributes, one element's inner HTML found by id, and the text a
// reader sees. Pure string work on the pages our own server writes; not a general parser.

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** `&amp;`, `&#8217;`, `&#x2019;` and the few named references our pages use, as characters. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return NAMED[ref] ?? whole;
  });
}

/** Every opening tag: its lower-case name, its attributes (decoded values) and where it ends. */
export function openingTags(html) {
  const tags = [];
  for (const m of html.matchAll(TAG)) {
    const attrs = {};
    for (const a of m[2].matchAll(ATTRIBUTE)) attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    tags.push({ name: m[1].toLowerCase(), attrs, start: m.index, end: m.index + m[0].length });
  }
  return tags;
}

/** True when some opening tag named `name` (any name when undefined) has every attribute given. */
export function hasElement(html, name, attrs) {
  return openingTags(html).some((tag) => (name === undefined || tag.name === name) && Object.entries(attrs).every(([k, v]) => tag.attrs[k] === v));
}

/**
 * The element whose id is `id`: its name, attributes and inner HTML (up to the close tag that
 * balances it), or undefined when the page has no such element.
 */
export function elementById(html, id) {
  const open = openingTags(html).find((tag) => tag.attrs.id === id);
  if (!open) return undefined;
  const sameName = new RegExp(`<(/?)${open.name}(?=[\\s/>])[^>]*>`, 'gi');
  sameName.lastIndex = open.end;
  let depth = 1;
  for (const m of html.matchAll(sameName)) {
    if (m.index < open.end) continue;
    depth += m[1] ? -1 : m[0].endsWith('/>') ? 0 : 1;
    if (depth === 0) return { name: open.name, attrs: open.attrs, inner: html.slice(open.end, m.index) };
  }
  return { name: open.name, attrs: open.attrs, inner: html.slice(open.end) };
}

/**
 * The text a reader sees: without comments, scripts, styles and tags (each tag a space, so words
 * in separate elements stay apart), references decoded, runs of white space one space.
 */
export function visibleText(html) {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
  return decodeEntities(withoutHidden.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
