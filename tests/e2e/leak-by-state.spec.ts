// The locked text reaches a reader only when their state shows it: never an unverified,
// no-credits or can-unlock reader, on any page, feed, search result, error page or action
// response; always a member, an editor and a reader who unlocked the story. Nothing personal
// is ever marked cacheable by a shared cache.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CANARIES, CANARY_KEY_INSIGHT } from '../support/canary.ts';
import { sectionIds, sitemapUrls } from '../support/crawl.ts';
import { demoReader, newReader, unlockOverHttp, type HttpReader } from '../support/http-reader.ts';
import { normalizeForSearch } from '../support/locked-text.ts';
import { TEST_BUILD_DIR } from '../support/test-site.ts';

const CANARY_PATH = '/business/canary-fixture-story/';
/** Previews exist for editors only: for these readers they are 404s like any missing page. */
const UNPUBLISHED = ['/markets/draft-fixture-story/', '/technology/scheduled-fixture-story/'];
const leaks = (text: string) => CANARIES.filter((c) => normalizeForSearch(text).includes(c));

async function publicPaths(): Promise<string[]> {
  const fromSitemap = (await sitemapUrls()).map((u) => new URL(u).pathname);
  const feeds = ['/rss.xml', ...(await sectionIds()).map((s) => `/${s}/rss.xml`)];
  return [...fromSitemap, ...feeds, '/search/?q=Quillmoor', '/search/?q=heron+ledger', '/no-such-page/', '/account/', '/account/export.json', ...UNPUBLISHED, '/desk/', '/desk/conversions.csv', '/desk/people/'];
}

async function crawlAs(reader: HttpReader) {
  const found: string[] = [];
  const cacheable: string[] = [];
  for (const p of await publicPaths()) {
    const res = await reader.api.get(p, { maxRedirects: 0 });
    const body = await res.text();
    if (leaks(body).length > 0) found.push(p);
    const cc = res.headers()['cache-control'] ?? '';
    if (!/private/.test(cc) || !/no-store/.test(cc)) cacheable.push(`${p} (${cc})`);
  }
  return { found, cacheable };
}

async function readerWithNoCredits(): Promise<HttpReader> {
  const reader = await newReader({ verify: true });
  for (const slug of ['comcast-nbcuniversal-sky-spin-off', 'bungie-destiny-2-layoffs-marathon', 'sk-hynix-nasdaq-listing-plan']) {
    expect((await unlockOverHttp(reader, 'business', slug)).status()).toBe(303);
  }
  return reader;
}

test.describe('readers who may not see the locked parts never receive them', () => {
  const states: [string, () => Promise<HttpReader>][] = [
    ['unverified', () => newReader({ verify: false })],
    ['can-unlock', () => newReader({ verify: true })],
    ['no-credits', readerWithNoCredits],
  ];
  for (const [state, make] of states) {
    test(`a ${state} reader`, async () => {
      const reader = await make();
      const page = await (await reader.api.get(CANARY_PATH)).text();
      expect(page).toContain(`data-state="${state}"`);
      // Later answers are assembled from the page's kept frame, which holds the open locked
      // parts for the entitled (src/server/http/signed-in-pages.ts): the same page, no canary.
      const again = await (await reader.api.get(CANARY_PATH)).text();
      expect(again).toBe(page);
      expect(leaks(again)).toEqual([]);
      const { found, cacheable } = await crawlAs(reader);
      expect(found).toEqual([]);
      expect(cacheable).toEqual([]);
    });
  }

  test('refused unlock responses hold no locked text', async () => {
    const poor = await readerWithNoCredits();
    const refused = await unlockOverHttp(poor, 'business', 'canary-fixture-story');
    expect(refused.status()).toBe(402);
    expect(leaks(await refused.text())).toEqual([]);
    const unverified = await newReader({ verify: false });
    const forbidden = await unlockOverHttp(unverified, 'business', 'canary-fixture-story');
    expect(forbidden.status()).toBe(403);
    expect(leaks(await forbidden.text())).toEqual([]);
  });
});

test.describe('readers who may see the locked parts receive them', () => {
  test('a member, an editor and a reader who unlocked the story', async () => {
    const unlocker = await newReader({ verify: true });
    expect((await unlockOverHttp(unlocker, 'business', 'canary-fixture-story')).status()).toBe(303);
    for (const reader of [await demoReader('member'), await demoReader('editor'), unlocker]) {
      for (const answer of ['rendered or assembled', 'assembled from the kept frame']) {
        const res = await reader.api.get(CANARY_PATH);
        expect(normalizeForSearch(await res.text()), answer).toContain(CANARY_KEY_INSIGHT);
        expect(res.headers()['cache-control']).toBe('private, no-store');
      }
    }
  });

  test('even then, feeds, search and metadata stay free of it', async () => {
    const member = await demoReader('member');
    for (const p of ['/rss.xml', '/business/rss.xml', '/search/?q=Quillmoor', '/sitemap.xml']) {
      expect(leaks(await (await member.api.get(p)).text()), p).toEqual([]);
    }
    const html = await (await member.api.get(CANARY_PATH)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(leaks(head)).toEqual([]);
  });

  test("the editors' desk and its CSV name stories but never quote their locked parts", async () => {
    const unlocker = await newReader({ verify: true, next: CANARY_PATH });
    expect((await unlockOverHttp(unlocker, 'business', 'canary-fixture-story')).status()).toBe(303);
    const editor = await demoReader('editor');
    const desk = await (await editor.api.get('/desk/?window=30')).text();
    expect(desk).toContain('A holding company reports a quiet quarter');
    expect(leaks(desk)).toEqual([]);
    for (const p of ['/desk/', '/desk/conversions.csv']) expect(leaks(await (await editor.api.get(p)).text()), p).toEqual([]);
  });
});

test('no e-mail and nothing in the outbox or mail folders holds locked text', async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(TEST_BUILD_DIR, 'mail'));
  walk(path.join(TEST_BUILD_DIR, 'data', 'outbox'));
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => leaks(readFileSync(f, 'utf8')).length > 0)).toEqual([]);
});
