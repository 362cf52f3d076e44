// The id Astro's glob loader gives an article, which is also its slug in the URL. Kept in step
// with astro/dist/content/loaders/glob.js: a frontmatter `slug` wins; otherwise each folder and
// the file name (without extension) are slugged the way github-slugger does, joined by "/",
// and a trailing "/index" is dropped.

/** github-slugger: lowercase, drop punctuation and symbols, spaces become hyphens. */
export function slugSegment(segment: string): string {
  return segment
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * @param pathInArticles the file's path inside the articles folder, with "/" separators,
 *   e.g. "markets/bond-deal.mdx"
 */
export function articleId(pathInArticles: string, frontmatterSlug: unknown): string {
  if (frontmatterSlug) return String(frontmatterSlug);
  const withoutExtension = pathInArticles.replace(/\.[^./]+$/, '');
  return withoutExtension.split('/').map(slugSegment).join('/').replace(/\/index$/, '');
}
