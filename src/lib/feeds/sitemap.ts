// The sitemap as the sitemaps.org protocol wants it for a large site: /sitemap.xml is an index
// naming sitemap files of at most SITEMAP_MAX_URLS URLs each: /sitemaps/<n>.xml for the
// stories (in id order, SITEMAP_MAX_URLS per file) and /sitemaps/pages.xml for the home,
// section, author and tag pages. Pure builders: the routes read the rows
// (src/server/feeds/sitemap-rows.ts) and hand them here.
import { escapeXml } from './rss.ts';

/** The protocol's limit of URLs in one sitemap file (and of files in one index). */
export const SITEMAP_MAX_URLS = 50_000;

export const LISTINGS_SITEMAP_PATH = '/sitemaps/pages.xml';

export interface SitemapEntry {
  path: string;
  lastModified?: Date | undefined;
}

/** The path of the n-th stories file (n from 1). */
export function storySitemapPath(n: number): string {
  return `/sitemaps/${n}.xml`;
}

/** Which file a /sitemaps/<file>.xml route names: "pages", or a story file number as written
 * by storySitemapPath (no sign, no leading zero); anything else is undefined (404). */
export function parseSitemapFile(param: string | undefined): { kind: 'pages' } | { kind: 'stories'; n: number } | undefined {
  if (param === 'pages') return { kind: 'pages' };
  if (param === undefined || !/^[1-9]\d{0,6}$/.test(param)) return undefined;
  return { kind: 'stories', n: Number(param) };
}

/** How many files `total` URLs fill at `size` a file (0 for none). */
export function sitemapFileCount(total: number, size = SITEMAP_MAX_URLS): number {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`A sitemap file holds at least one URL, not ${size}.`);
  return Math.ceil(Math.max(0, total) / size);
}

/** The newest of some dates (undefined when none is known). */
export function latestDate(dates: readonly (Date | undefined)[]): Date | undefined {
  let latest: Date | undefined;
  for (const d of dates) if (d && (!latest || d > latest)) latest = d;
  return latest;
}

const lastmod = (d: Date | undefined) => (d ? `<lastmod>${d.toISOString()}</lastmod>` : '');

/** A sitemap file's first lines, before its urls (each url then starts on a line of its own). */
export const SITEMAP_URLSET_START = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
/** A sitemap file's last line. */
export const SITEMAP_URLSET_END = '</urlset>';

/** One url element of a sitemap file. */
export function sitemapUrlXml(entry: SitemapEntry, siteUrl: string): string {
  return `<url><loc>${escapeXml(new URL(entry.path, siteUrl).href)}</loc>${lastmod(entry.lastModified)}</url>`;
}

/** One sitemap file (a urlset). Refuses more than SITEMAP_MAX_URLS entries: crawlers would. */
export function sitemapXml(entries: readonly SitemapEntry[], siteUrl: string): string {
  if (entries.length > SITEMAP_MAX_URLS) throw new RangeError(`A sitemap file holds at most ${SITEMAP_MAX_URLS} URLs; got ${entries.length}.`);
  return [SITEMAP_URLSET_START, ...entries.map((e) => sitemapUrlXml(e, siteUrl)), SITEMAP_URLSET_END].join('\n');
}

/** The sitemap index naming each file (path) with the newest change in it. */
export function sitemapIndexXml(files: readonly SitemapEntry[], siteUrl: string): string {
  if (files.length > SITEMAP_MAX_URLS) throw new RangeError(`A sitemap index names at most ${SITEMAP_MAX_URLS} files; got ${files.length}.`);
  const items = files.map((f) => `<sitemap><loc>${escapeXml(new URL(f.path, siteUrl).href)}</loc>${lastmod(f.lastModified)}</sitemap>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...items, '</sitemapindex>'].join('\n');
}
