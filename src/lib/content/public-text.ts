// The free text of a story, taken from its MDX source: everything but the locked parts.
// Feeds, search and reading time use this, so the locked text cannot reach them.

/** The MDX components whose children are locked. */
export const LOCKED_COMPONENTS = ['KeyInsights', 'ExecutiveActions'] as const;

const lockedBlock = new RegExp(
  `<(${LOCKED_COMPONENTS.join('|')})\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1\\s*>)`,
  'g',
);

const anyLockedTag = new RegExp(`</?(?:${LOCKED_COMPONENTS.join('|')})\\b`);

/**
 * Removes every locked block. Anything malformed (an unclosed or nested locked tag) fails
 * closed: everything from the first locked tag on is dropped.
 */
export function withoutLockedParts(mdx: string): string {
  const closed = mdx.replace(lockedBlock, '');
  if (!anyLockedTag.test(closed)) return closed;
  const first = anyLockedTag.exec(mdx);
  return first ? mdx.slice(0, first.index) : '';
}

export function hasComponent(mdx: string, name: (typeof LOCKED_COMPONENTS)[number]): boolean {
  return new RegExp(`<${name}\\b`).test(mdx);
}

/** Free text as paragraphs of plain text, with markdown and component tags removed. */
export function publicParagraphs(mdx: string): string[] {
  return withoutLockedParts(mdx)
    .replace(/^(?:import\s[^\n]*\bfrom\s*['"][^'"\n]+['"];?|export\s+(?:const|let|function|default)\b[^\n]*)$/gm, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .replace(/^#{1,6}\s+/gm, '')
        .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0);
}

export function publicText(mdx: string): string {
  return publicParagraphs(mdx).join('\n\n');
}
