// Every link target written in a story's body: Markdown links and reference definitions,
// href attributes, and autolinks. Images (![…](…)) are not links and are left to the alt check.

export interface LinkTarget {
  /** Offset in the file, for the line number. */
  offset: number;
  url: string;
}

const PATTERNS = [
  /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)/g, // [text](url "title")
  /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm, // [ref]: url
  /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g, // href="…", href={'…'}
  /<(https?:\/\/[^>\s]+)>/g, // <https://…>
];

/** Link targets in order of appearance; `prose` is the file with code and comments blanked. */
export function findLinks(prose: string): LinkTarget[] {
  return PATTERNS.flatMap((pattern) =>
    [...prose.matchAll(pattern)].flatMap((match) => {
      const url = match.slice(1).find((group) => group !== undefined);
      return url === undefined ? [] : [{ offset: match.index, url }];
    }),
  ).sort((a, b) => a.offset - b.offset);
}

/**
 * The site path a link points at, or undefined for links elsewhere (other sites, mail,
 * anchors on the same page, relative paths). Query and fragment are dropped.
 */
export function sitePath(url: string, siteUrl: string): string | undefined {
  let path: string | undefined;
  if (url.startsWith('/') && !url.startsWith('//')) {
    path = url;
  } else if (/^https?:\/\//i.test(url)) {
    try {
      const target = new URL(url);
      if (target.host.toLowerCase() === new URL(siteUrl).host.toLowerCase()) path = target.pathname;
    } catch {
      return undefined;
    }
  }
  if (path === undefined) return undefined;
  const bare = path.replace(/[?#].*$/, '');
  try {
    return decodeURI(bare) || '/';
  } catch {
    return bare || '/';
  }
}
