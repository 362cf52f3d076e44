// Feeds and sitemap read from the database (src/server/feeds/feed-stories.ts and
// sitemap-rows.ts), on PGlite or on PostgreSQL with TEST_DATABASE_URL: the latest public
// stories only, never a word of a locked part (story_locked_parts), and the sitemap cut into
// files in id order over many rows.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_LENGTH, storyFeedXml } from '../../src/server/feeds/feed-stories.ts';
import type { Db } from '../../db/client.ts';
import { listingSitemapEntries, sitemapFiles, storySitemapEntryPages } from '../../src/server/feeds/sitemap-rows.ts';
import { storySitemapStream } from '../../src/server/feeds/sitemap-stream.ts';
import { sitemapXml, type SitemapEntry } from '../../src/lib/feeds/sitemap.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, HOUR, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { insertPeople, insertStories, type StoryRow } from './search-rows.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const SITE = { siteUrl: 'https://news.example.test', publicationName: 'Masthead' };
const LOCKED_WORDS = /Quillmoor|heron|kites|turbine/i;
const parser = new XMLParser({ isArray: (name) => ['item', 'url', 'sitemap', 'dc:creator'].includes(name) });

const ARCHIVE = 34; // more than FEED_LENGTH, and more than three sitemap files of 10
const archive: StoryRow[] = Array.from({ length: ARCHIVE }, (_, i) => ({
  slug: `archive-${i + 1}`,
  section: i % 2 === 0 ? 'business' : 'markets',
  tags: i === 0 ? ['metals'] : [],
  // Ids rise with i while dates fall: the sitemap's id order is not the feed's date order.
  publishedAt: ago((i + 10) * DAY),
  updatedAt: i === 0 ? ago(HOUR) : undefined,
}));

let t: TestDatabase;

/** Stories file n read whole, from the pages the server streams it in. */
async function storySitemapEntries(db: Db, now: Date, n: number, size?: number): Promise<SitemapEntry[]> {
  const entries: SitemapEntry[] = [];
  for await (const page of storySitemapEntryPages(db, now, n, size)) entries.push(...page);
  return entries;
}
let ids: number[] = [];

beforeAll(async () => {
  t = await freshDatabase();
  await insertPeople(t.db);
  ids = await insertStories(t.db, [
    ...archive,
    {
      slug: 'canary',
      title: 'A holding company reports a quiet quarter',
      paragraphs: ['Brisvander Holdings reported a quarter in which very little happened.', 'Its free body is ordinary text.'],
      locked: { 'key-insights': '<ul><li>The heron ledger of Quillmoor counts seventeen silver kites.</li></ul>', 'executive-actions': '<ol><li>Audit every amber turbine.</li></ol>' },
      authors: ['priya-raman', 'tomas-ibarra'],
      tags: ['fixtures'],
      publishedAt: ago(HOUR),
    },
    { slug: 'draft', status: 'draft', title: 'Pellinor draft', tags: ['drafts-only'], authors: ['tomas-ibarra'], publishedAt: ago(DAY) },
    { slug: 'unpublished', status: 'unpublished', title: 'Pellinor withdrawn', publishedAt: ago(DAY) },
    { slug: 'scheduled', status: 'scheduled', title: 'Pellinor scheduled', publishedAt: new Date(NOW.getTime() + DAY) },
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);

afterAll(() => t?.close());

async function feedItems(sectionId?: string) {
  const xml = await storyFeedXml(t.db, NOW, SITE, sectionId);
  expect(xml).toBeDefined();
  expect(XMLValidator.validate(xml!)).toBe(true);
  return { xml: xml!, items: (parser.parse(xml!).rss.channel.item ?? []) as { title: string; link: string; category: string; 'dc:creator': string[]; 'content:encoded': string }[] };
}

describe('storyFeedXml', () => {
  it('lists the latest public stories, newest first, at most FEED_LENGTH', async () => {
    const { items } = await feedItems();
    expect(items).toHaveLength(FEED_LENGTH);
    expect(items[0]!.link).toBe('https://news.example.test/business/canary/');
    expect(items[1]!.link).toBe('https://news.example.test/business/archive-1/');
    expect(items.some((i) => /Pellinor/.test(i.title))).toBe(false);
  });

  it("carries the authors' names, the section's name and the free paragraphs", async () => {
    const [canary] = (await feedItems()).items;
    expect(canary!['dc:creator']).toEqual(['Priya Raman', 'Tomás Ibarra']);
    expect(canary!.category).toBe('Business');
    expect(canary!['content:encoded']).toContain('<p>Brisvander Holdings reported a quarter in which very little happened.</p><p>Its free body is ordinary text.</p>');
  });

  it('never holds a word of a locked part', async () => {
    for (const section of [undefined, 'business']) expect((await feedItems(section)).xml).not.toMatch(LOCKED_WORDS);
  });

  it("holds one section's stories in a section feed, and nothing for an unknown section", async () => {
    const { items, xml } = await feedItems('markets');
    expect(items.length).toBe(ARCHIVE / 2);
    expect(items.every((i) => i.category === 'Markets' && i.link.includes('/markets/'))).toBe(true);
    expect(xml).toContain('<title>Masthead: Markets</title>');
    expect(await storyFeedXml(t.db, NOW, SITE, 'no-such-section')).toBeUndefined();
  });
});

describe('sitemap rows', () => {
  const publicPaths = () => [...archive.map((s) => `/${s.section}/${s.slug}/`), '/business/canary/'];

  it('cuts the public stories into files of the given size, in id order', async () => {
    const files = await sitemapFiles(t.db, NOW, 10);
    expect(files.map((f) => f.path)).toEqual(['/sitemaps/1.xml', '/sitemaps/2.xml', '/sitemaps/3.xml', '/sitemaps/4.xml', '/sitemaps/pages.xml']);
    const chunks = await Promise.all([1, 2, 3, 4, 5].map((n) => storySitemapEntries(t.db, NOW, n, 10)));
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 10, 5, 0]);
    expect(chunks.flat().map((e) => e.path)).toEqual(publicPaths());
    expect(ids.length).toBe(ARCHIVE + 4);
  });

  it('streams a file a few stories at a time, byte for byte what it is whole, and nothing past the last file', async () => {
    for (const n of [1, 4]) {
      const stream = await storySitemapStream(t.db, NOW, n, SITE.siteUrl, 10, 3);
      expect(stream).toBeDefined();
      expect(await new Response(stream).text()).toBe(sitemapXml(await storySitemapEntries(t.db, NOW, n, 10), SITE.siteUrl));
    }
    expect(await storySitemapStream(t.db, NOW, 5, SITE.siteUrl, 10, 3)).toBeUndefined();
  });

  it('dates each file by its newest change, and each story by updated_at or else published_at', async () => {
    const [first, second] = await sitemapFiles(t.db, NOW, 10);
    expect(first!.lastModified).toEqual(ago(HOUR)); // archive-1 was updated an hour ago
    expect(second!.lastModified).toEqual(ago(20 * DAY)); // archive-11 is the newest of 11-20
    const [updated, plain] = await storySitemapEntries(t.db, NOW, 1, 10);
    expect(updated).toEqual({ path: '/business/archive-1/', lastModified: ago(HOUR) });
    expect(plain).toEqual({ path: '/markets/archive-2/', lastModified: ago(11 * DAY) });
  });

  it('lists no story that is not public, and nothing of a locked part', async () => {
    const all = (await Promise.all([1, 2, 3, 4].map((n) => storySitemapEntries(t.db, NOW, n, 10)))).flat();
    expect(all.some((e) => /draft|unpublished|scheduled/.test(e.path))).toBe(false);
    expect(JSON.stringify(all)).not.toMatch(LOCKED_WORDS);
  });

  it('has one file for the default size, and a listings file of home, sections, authors and tags with a public story', async () => {
    expect((await sitemapFiles(t.db, NOW)).map((f) => f.path)).toEqual(['/sitemaps/1.xml', '/sitemaps/pages.xml']);
    const listings = await listingSitemapEntries(t.db, NOW);
    expect(listings.map((e) => e.path)).toEqual(['/', '/business/', '/markets/', '/authors/priya-raman/', '/authors/tomas-ibarra/', '/tags/fixtures/', '/tags/metals/']);
    expect(listings[0]!.lastModified).toEqual(ago(HOUR));
    expect(listings.find((e) => e.path === '/markets/')!.lastModified).toEqual(ago(11 * DAY));
  });

  it('refuses a file number that is not a whole number from 1', async () => {
    await expect(storySitemapEntries(t.db, NOW, 0)).rejects.toThrow(RangeError);
  });
});
