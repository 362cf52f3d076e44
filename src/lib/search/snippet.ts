// A few words of context around the first match, with the matched words marked. Returns
// parts rather than HTML so the page escapes the text and only <mark> is markup.

export interface SnippetPart {
  text: string;
  match: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function snippet(text: string, terms: readonly string[], radius = 110): SnippetPart[] {
  const words = terms.filter((t) => t.length > 0).map(escapeRegExp);
  if (words.length === 0) return [{ text: text.slice(0, radius * 2).trim(), match: false }];
  // Word starts are found by lookbehind, not \b, which sees only ASCII: "Ørsted" or "école"
  // would never be marked.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  const first = pattern.exec(text);
  const center = first ? first.index : 0;
  let start = Math.max(0, center - radius);
  let end = Math.min(text.length, center + radius);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const window = text.slice(start, end);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '… ', match: false });
  let last = 0;
  for (const m of window.matchAll(new RegExp(pattern.source, 'giu'))) {
    if (m.index > last) parts.push({ text: window.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  if (end < text.length) parts.push({ text: ' …', match: false });
  return parts;
}
