// Links to the site's own pages must lead somewhere a reader can go: a story (in its own
// section, public by the time the linking story is), a section, an author, a tag page, one
// of the fixed pages in src/pages, or a file in public/.
import type { Article, ContentIndex } from './content-index.ts';
import { findLinks, sitePath } from './find-links.ts';
import { lineAt } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';
import { firstFailure } from './route-params.ts';
import { matchRoutes, type RouteMatch } from './site-routes.ts';

export function checkInternalLinks(article: Article, index: ContentIndex): Problem[] {
  return findLinks(article.prose).flatMap((link) => {
    const path = sitePath(link.url, index.siteUrl);
    if (path === undefined) return [];
    const reason = whyBroken(path, article, index);
    return reason ? [error(article.file, lineAt(article.text, link.offset), `broken link to ${link.url}: ${reason}`)] : [];
  });
}

/** Undefined when the path resolves; otherwise the most specific reason it does not. */
export function whyBroken(path: string, source: Article, index: ContentIndex): string | undefined {
  if (index.publicFiles.includes(path)) return undefined;
  const segments = path.split('/').filter((s) => s !== '');
  const matches = matchRoutes(segments, index.routes).sort(bySpecificity);
  let best: { position: number; message: string } | undefined;
  for (const match of matches) {
    const failure = firstFailure(match, source, index);
    if (!failure) return undefined;
    if (!best || failure.position > best.position) best = failure;
  }
  const staticFirstSegments = index.routes.flatMap((r) => (r.segments[0]?.kind === 'static' ? [r.segments[0].value] : []));
  if (!best || (best.position === 0 && staticFirstSegments.includes(segments[0] ?? ''))) return `there is no page at ${path}`;
  return best.message;
}

/** Routes with more fixed segments first, and routes without a [...rest] before those with one. */
function bySpecificity(a: RouteMatch, b: RouteMatch): number {
  const hasRest = (m: RouteMatch) => (m.route.segments.some((s) => s.kind === 'rest') ? 1 : 0);
  return b.staticSegments - a.staticSegments || hasRest(a) - hasRest(b);
}
