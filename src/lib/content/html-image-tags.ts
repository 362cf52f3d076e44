// Finds and replaces the <img> tags of a story's stored HTML. That HTML is the compiler's own,
// sanitised and serialised by hast-util-to-html (src/lib/content/story-html.ts), so its tags
// have one exact shape: lowercase names, each attribute `name` or `name="value"` with `"` and
// `&` written as character references, and text with every `<` escaped. Tags are read from
// left to right, each whole, so an `<img` inside another tag's attribute value is never taken
// for a tag; at anything outside that shape the scan stops and the rest stays as written.
// Pure string work.

/** One <img> tag as found. */
export interface ImageTag {
  /** Each attribute in order, its value with character references decoded (true: no value). */
  readonly attributes: ReadonlyMap<string, string | true>;
  /** An attribute's value; undefined when absent or valueless. */
  value(name: string): string | undefined;
}

/** A whole tag (start or end) or a comment, at the position it is tried (sticky). */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*)\s*\/?>|<!--[\s\S]*?-->/y;
const ATTRIBUTE = /\s+([^\s"'<>/=]+)(?:="([^"]*)")?/g;

interface Found {
  start: number;
  end: number;
  tag: ImageTag;
}

/** Every <img> tag of `html` in order, with where it stands. */
function findImageTags(html: string): Found[] {
  const found: Found[] = [];
  let at = 0;
  for (;;) {
    const start = html.indexOf('<', at);
    if (start < 0) break;
    TAG.lastIndex = start;
    const match = TAG.exec(html);
    if (!match) break;
    if (match[1] === '' && match[2]?.toLowerCase() === 'img') found.push({ start, end: TAG.lastIndex, tag: imageTag(match[3] ?? '') });
    at = TAG.lastIndex;
  }
  return found;
}

function imageTag(attributeText: string): ImageTag {
  const attributes = new Map<string, string | true>();
  for (const [, name, value] of attributeText.matchAll(ATTRIBUTE)) {
    if (name !== undefined && !attributes.has(name.toLowerCase())) attributes.set(name.toLowerCase(), value === undefined ? true : decodeReferences(value));
  }
  return {
    attributes,
    value(name) {
      const value = attributes.get(name);
      return typeof value === 'string' ? value : undefined;
    },
  };
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

/**
 * Numeric character references and the five XML names (hast-util-to-html writes every `&` of a
 * value as a reference, so no other name occurs); any other text stays as it is.
 */
export function decodeReferences(text: string): string {
  return text.replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|([a-zA-Z]+));/g, (whole, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** An attribute value written for a double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/**
 * `html` with each <img> tag replaced by what `rewrite` gives for it (undefined: kept as
 * written). The rewrites of one document run together.
 */
export async function rewriteImageTags(html: string, rewrite: (tag: ImageTag) => Promise<string | undefined> | string | undefined): Promise<string> {
  const found = findImageTags(html);
  if (found.length === 0) return html;
  const replacements = await Promise.all(found.map((f) => rewrite(f.tag)));
  let out = '';
  let at = 0;
  found.forEach((f, i) => {
    out += html.slice(at, f.start) + (replacements[i] ?? html.slice(f.start, f.end));
    at = f.end;
  });
  return out + html.slice(at);
}

/**
 * An <img> tag with these attributes in order, each value escaped here: undefined, null or
 * false leaves the attribute out, true writes it without a value.
 */
export function writeImageTag(attributes: Iterable<readonly [string, unknown]>): string {
  let tag = '<img';
  for (const [name, value] of attributes) {
    if (value === undefined || value === null || value === false) continue;
    tag += value === true ? ` ${name}` : ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return `${tag}>`;
}
