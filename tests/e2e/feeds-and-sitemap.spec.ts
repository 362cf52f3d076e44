// Feeds, sitemap and robots.txt parse and list exactly the published stories.
import { expect, test } from '@playwright/test';
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

test('the sitemap lists every published story and no draft or scheduled one', async ({ request }) => {
  const xml = await (await request.get('/sitemap.xml')).text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const locs = asArray(parser.parse(xml).urlset.url).map((u) => (u as { loc: string }).loc);
  expect(locs).toContain('https://news.example.test/business/leapmotor-record-deliveries-tesla-challengers/');
  expect(locs).toContain('https://news.example.test/authors/mei-lin-zhao/');
  expect(locs.some((l) => l.includes('draft-fixture') || l.includes('scheduled-fixture'))).toBe(false);
  const articles = locs.filter((l) => /^https:\/\/news\.example\.test\/[a-z]+\/[a-z0-9-]+\/$/.test(l) && !/\/(authors|tags)\//.test(l));
  expect(articles.length).toBeGreaterThanOrEqual(25);
});

test('robots.txt points at the sitemap', async ({ request }) => {
  const text = await (await request.get('/robots.txt')).text();
  expect(text).toContain('Sitemap: https://news.example.test/sitemap.xml');
});
