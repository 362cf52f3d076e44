// The paywall must not leak: no locked sentence, planted canary or real, may reach a reader
// without access through any page, feed, sitemap, search result, error page or client file.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BODY_ONLY_WORD, CANARIES, LOCKED_ONLY_WORD } from '../support/canary.ts';
import { clientFiles, fetchText, sectionIds, sitemapUrls, type Fetched } from '../support/crawl.ts';
import { lockedFragments, normalizeForSearch } from '../support/locked-text.ts';
import { TEST_BASE_URL, TEST_CONTENT_DIR } from '../support/test-site.ts';

const CANARY_PATH = '/business/canary-fixture-story/';

async function everythingPublic(): Promise<Fetched[]> {
  const urls = await sitemapUrls();
  const sections = await sectionIds();
  const extra = [
    '/rss.xml',
    ...sections.map((s) => `/${s}/rss.xml`),
    '/robots.txt',
    '/sitemap.xml',
    `/search/?q=${LOCKED_ONLY_WORD}`,
    `/search/?q=${encodeURIComponent('heron ledger silver kites')}`,
    `/search/?q=${encodeURIComponent('amber turbine')}`,
    `/search/?q=${BODY_ONLY_WORD}`,
    '/no-such-page/',
    '/business/no-such-story/',
    '/markets/draft-fixture-story/',
    '/technology/scheduled-fixture-story/',
  ].map((p) => `${TEST_BASE_URL}${p}`);
  const fetched = await Promise.all([...urls, ...extra].map((u) => fetchText(u)));
  return [...fetched, ...clientFiles()];
}

test.describe('the locked text never leaks', () => {
  let crawl: Fetched[] = [];

  test.beforeAll(async () => {
    crawl = await everythingPublic();
  });

  test('the crawl reaches the canary story and its free body', () => {
    const page = crawl.find((f) => f.source === `${TEST_BASE_URL}${CANARY_PATH}`);
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('Brisvander Holdings, a company that exists only in the test suite');
    expect(crawl.filter((f) => f.source.endsWith('.xml')).length).toBeGreaterThan(3);
    expect(crawl.filter((f) => f.source.startsWith(path.sep)).length).toBeGreaterThan(0);
  });

  test('no canary sentence appears in any page, feed, search result, error page or client file', () => {
    for (const canary of CANARIES) {
      const leaks = crawl.filter((f) => normalizeForSearch(f.body).includes(canary)).map((f) => f.source);
      expect(leaks, `canary "${canary}" leaked`).toEqual([]);
    }
  });

  test('no locked sentence of any story appears anywhere public', () => {
    const fragments = lockedFragments(path.join(TEST_CONTENT_DIR, 'articles'));
    expect(fragments.length).toBeGreaterThan(50);
    const haystacks = crawl.map((f) => ({ source: f.source, text: normalizeForSearch(f.body) }));
    const leaks = fragments.flatMap(({ slug, fragment }) =>
      haystacks.filter((h) => h.text.includes(fragment)).map((h) => `${slug}: "${fragment}" in ${h.source}`),
    );
    expect(leaks).toEqual([]);
  });

  test('search does not find a story by a word of its locked part', async () => {
    const res = await fetchText(`${TEST_BASE_URL}/search/?q=${LOCKED_ONLY_WORD}`);
    expect(res.body).not.toContain(CANARY_PATH);
    expect(res.body).toContain('No stories match');
  });

  test('JSON-LD declares the locked part without including it', async () => {
    const res = await fetchText(`${TEST_BASE_URL}${CANARY_PATH}`);
    const blocks = [...res.body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? '{}'));
    const article = blocks.find((b) => b['@type'] === 'NewsArticle');
    expect(article).toBeDefined();
    expect(article.isAccessibleForFree).toBe(false);
    expect(article.articleBody).toBeUndefined();
    expect(article.hasPart).toMatchObject({ '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.locked-part' });
    expect(res.body).toMatch(/<section class="locked-part[ "]/);
  });
});
