import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  latestDate,
  parseSitemapFile,
  SITEMAP_MAX_URLS,
  sitemapFileCount,
  sitemapIndexXml,
  sitemapXml,
  storySitemapPath,
  type SitemapEntry,
} from '../../src/lib/feeds/sitemap.ts';

const SITE = 'https://masthead.example';
const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });

function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe('a sitemap of 120,000 story URLs', () => {
  const start = Date.UTC(2026, 0, 1);
  const entries: SitemapEntry[] = Array.from({ length: 120_000 }, (_, i) => ({ path: `/business/story-${i + 1}/`, lastModified: new Date(start + i * 60_000) }));
  // Cut as the database cuts them (src/server/feeds/sitemap-rows.ts): SITEMAP_MAX_URLS a file, in order.
  const files = Array.from({ length: sitemapFileCount(entries.length) }, (_, i) => entries.slice(i * SITEMAP_MAX_URLS, (i + 1) * SITEMAP_MAX_URLS));

  it('makes each file valid XML holding its URLs', () => {
    files.forEach((file, i) => {
      const urls = parseXml(sitemapXml(file, SITE)).urlset.url as { loc: string; lastmod: string }[];
      expect(urls).toHaveLength(file.length);
      expect(urls[0]).toEqual({ loc: `${SITE}/business/story-${i * SITEMAP_MAX_URLS + 1}/`, lastmod: file[0]!.lastModified!.toISOString() });
      expect(urls.at(-1)!.loc).toBe(`${SITE}/business/story-${i * SITEMAP_MAX_URLS + file.length}/`);
    });
  }, 120_000); // validating and parsing 120,000 URLs takes seconds on a busy machine

  it('has an index that lists the three files with their newest change', () => {
    const index = files.map((file, i) => ({ path: storySitemapPath(i + 1), lastModified: latestDate(file.map((e) => e.lastModified)) }));
    const parsed = parseXml(sitemapIndexXml(index, SITE)).sitemapindex;
    expect(parsed.sitemap).toEqual([
      { loc: `${SITE}/sitemaps/1.xml`, lastmod: entries[49_999]!.lastModified!.toISOString() },
      { loc: `${SITE}/sitemaps/2.xml`, lastmod: entries[99_999]!.lastModified!.toISOString() },
      { loc: `${SITE}/sitemaps/3.xml`, lastmod: entries[119_999]!.lastModified!.toISOString() },
    ]);
  });
});

describe('sitemap builders', () => {
  it('refuses a file of more than 50,000 URLs', () => {
    const tooMany = Array.from({ length: SITEMAP_MAX_URLS + 1 }, (_, i) => ({ path: `/s/${i}/` }));
    expect(() => sitemapXml(tooMany, SITE)).toThrow(RangeError);
    expect(() => sitemapXml(tooMany.slice(1), SITE)).not.toThrow();
  });

  it.each([
    { total: 0, files: 0 },
    { total: 1, files: 1 },
    { total: 50_000, files: 1 },
    { total: 50_001, files: 2 },
    { total: 120_000, files: 3 },
  ])('$total URLs fill $files file(s)', ({ total, files }) => {
    expect(sitemapFileCount(total)).toBe(files);
  });

  it('refuses a file size that is not a whole number from 1', () => {
    expect(() => sitemapFileCount(10, 0)).toThrow(RangeError);
    expect(() => sitemapFileCount(10, 1.5)).toThrow(RangeError);
  });

  it('makes an empty index and an empty file well formed', () => {
    expect(parseXml(sitemapIndexXml([], SITE)).sitemapindex.sitemap).toBeUndefined();
    expect(parseXml(sitemapXml([], SITE)).urlset.url).toBeUndefined();
  });

  it('escapes the locations in the index', () => {
    const parsed = parseXml(sitemapIndexXml([{ path: "/sitemaps/a&b'.xml" }], SITE)).sitemapindex;
    expect(parsed.sitemap[0].loc).toBe(`${SITE}/sitemaps/a&b'.xml`);
  });

  it.each([
    { param: 'pages', file: { kind: 'pages' } },
    { param: '1', file: { kind: 'stories', n: 1 } },
    { param: '12', file: { kind: 'stories', n: 12 } },
  ])('reads the file name $param', ({ param, file }) => {
    expect(parseSitemapFile(param)).toEqual(file);
  });

  it.each([undefined, '', '0', '01', '-1', '1.5', 'Pages', 'stories', '1e3', '123456789'])('refuses the file name %j', (param) => {
    expect(parseSitemapFile(param)).toBeUndefined();
  });

  it('finds the newest of some dates, and none in none', () => {
    expect(latestDate([new Date(2), undefined, new Date(5), new Date(1)])).toEqual(new Date(5));
    expect(latestDate([undefined])).toBeUndefined();
  });
});
