// Feeds, the sitemap index and its files, and robots.txt parse and list exactly the published stories.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false });
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

test('the site feed is valid RSS with the latest published stories', async ({ request }) => {
  const res = await request.get('/rss.xml');
  expect(res.headers()['content-type']).toContain('application/rss+xml');
  const xml = await res.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const items = asArray(parser.parse(xml).rss.channel.item) as { title: string; link: string; category: string }[];
  expect(items.length).toBeGreaterThanOrEqual(20);
  expect(items.map((i) => i.link).every((l) => l.startsWith('https://news.example.test/'))).toBe(true);
  expect(xml).not.toContain('Draft fixture');
  expect(xml).not.toContain('Scheduled fixture');
});

test('each section feed holds only that section', async ({ request }) => {
  const xml = await (await request.get('/autos/rss.xml')).text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const items = asArray(parser.parse(xml).rss.channel.item) as { link: string; category: string }[];
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((i) => i.category === 'Autos' && i.link.includes('/autos/'))).toBe(true);
  expect((await request.get('/no-such-section/rss.xml')).status()).toBe(404);
});

/** Every URL of the sitemap: the index at /sitemap.xml, then each file it names. */
async function sitemapLocs(request: APIRequestContext): Promise<{ files: string[]; locs: string[] }> {
  const index = await (await request.get('/sitemap.xml')).text();
  expect(XMLValidator.validate(index)).toBe(true);
  const files = asArray(parser.parse(index).sitemapindex.sitemap).map((s) => (s as { loc: string }).loc);
  const locs: string[] = [];
  for (const file of files) {
    const res = await request.get(new URL(file).pathname);
    expect(res.status(), file).toBe(200);
    expect(res.headers()['content-type']).toContain('application/xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml), file).toBe(true);
    const urls = asArray(parser.parse(xml).urlset.url) as { loc: string; lastmod?: string }[];
    expect(urls.length, file).toBeLessThanOrEqual(50_000);
    const dated = (u: { lastmod?: string }) => u.lastmod !== undefined && !Number.isNaN(Date.parse(u.lastmod));
    // Every story is dated; a listing is dated by its newest story (an empty section is not).
    if (/\/\d+\.xml$/.test(file)) expect(urls.every(dated), `${file}: every story dated`).toBe(true);
    else expect(urls.filter((u) => u.lastmod !== undefined).every(dated), file).toBe(true);
    locs.push(...urls.map((u) => u.loc));
  }
  return { files, locs };
}

test('the sitemap is an index of files that list every published story and no draft or scheduled one', async ({ request }) => {
  const { files, locs } = await sitemapLocs(request);
  expect(files).toEqual(['https://news.example.test/sitemaps/1.xml', 'https://news.example.test/sitemaps/pages.xml']);
  expect(locs).toContain('https://news.example.test/business/leapmotor-record-deliveries-tesla-challengers/');
  expect(locs).toContain('https://news.example.test/authors/mei-lin-zhao/');
  expect(locs).toContain('https://news.example.test/');
  expect(locs.some((l) => l.includes('draft-fixture') || l.includes('scheduled-fixture'))).toBe(false);
  expect(new Set(locs).size).toBe(locs.length);
  const articles = locs.filter((l) => /^https:\/\/news\.example\.test\/[a-z]+\/[a-z0-9-]+\/$/.test(l) && !/\/(authors|tags)\//.test(l));
  expect(articles.length).toBeGreaterThanOrEqual(25);
});

test('a sitemap file that does not exist answers 404', async ({ request }) => {
  for (const name of ['0', '01', '2', 'stories', '1.5']) expect((await request.get(`/sitemaps/${name}.xml`)).status(), name).toBe(404);
});

test('robots.txt points at the sitemap', async ({ request }) => {
  const text = await (await request.get('/robots.txt')).text();
  expect(text).toContain('Sitemap: https://news.example.test/sitemap.xml');
});
