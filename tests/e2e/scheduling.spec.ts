// A scheduled story appears everywhere by itself once its time comes, with no rebuild and no
// restart: its page at once, and every listing once the scheduled publisher (ticking every
// second) has published it and purged the pages that show it. Outside caches may keep a public
// page only SHARED_CACHE_MAX_SECONDS, so they show it within seconds too. A second server runs
// on the same build with its clock read from a file the test moves (MASTHEAD_CLOCK_FILE), on
// its own embedded database.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SHARED_CACHE_MAX_SECONDS } from '../../src/lib/http/cache-control.ts';
import { freePort } from '../support/instances/nginx.ts';
import { startSiteServer, type SiteServer } from '../support/site-server.ts';
import { TEST_BUILD_DIR, TEST_OUT_DIR } from '../support/test-site.ts';

const FOLDER = path.join(TEST_BUILD_DIR, 'clock-server');
const CLOCK = path.join(FOLDER, 'now.txt');
const STORY = '/technology/scheduled-fixture-story/';
const HEADLINE = 'Scheduled fixture: Orrindale Mills to publish results in 2099';
const PUBLISHES = Date.parse('2099-01-01T09:00:00Z');
/** Every place a published story is linked from (feeds and the sitemap by absolute URL; the
 * sitemap is an index of files, read through with all of them). */
const LISTINGS = ['/', '/technology/', '/tags/fixtures/', '/authors/jonas-berg/', '/rss.xml', '/technology/rss.xml', '/sitemap.xml', '/search/?q=Orrindale'];

let server: SiteServer;
const setClock = (ms: number) => writeFileSync(CLOCK, new Date(ms).toISOString());

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(FOLDER, { recursive: true });
  setClock(PUBLISHES - 30_000);
  server = await startSiteServer({ port: await freePort(), outDir: TEST_OUT_DIR, env: { DATA_DIR: path.join(FOLDER, 'data'), MASTHEAD_CLOCK_FILE: CLOCK } });
});

test.afterAll(async () => {
  await server?.stop();
});

async function text(pathname: string): Promise<{ status: number; body: string; cacheControl: string }> {
  const response = await fetch(`${server.url}${pathname}`);
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control') ?? '' };
}

/** The body at `pathname`; for /sitemap.xml, the index and every file it lists. */
async function shown(pathname: string): Promise<string> {
  const { body } = await text(pathname);
  if (pathname !== '/sitemap.xml' || !body.includes('<sitemapindex')) return body;
  const files = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
  return [body, ...(await Promise.all(files.map(async (f) => (await text(f)).body)))].join('\n');
}

test('a scheduled story appears on its page, listings, feeds, sitemap and search when its time comes', async ({ page }) => {
  // Thirty seconds before: nowhere, and outside caches may keep a listing only a few seconds.
  expect((await text(STORY)).status).toBe(404);
  const listing = await text('/technology/');
  expect(listing.body.includes(HEADLINE)).toBe(false);
  const shared = Number(/s-maxage=(\d+)/.exec(listing.cacheControl)?.[1]);
  expect(shared, listing.cacheControl).toBeGreaterThan(0);
  expect(shared, listing.cacheControl).toBeLessThanOrEqual(SHARED_CACHE_MAX_SECONDS);
  for (const p of LISTINGS) expect((await shown(p)).includes(STORY), `${STORY} on ${p}`).toBe(false);

  setClock(PUBLISHES + 1_000);
  // The publisher ticks every second; the listings cached above are purged when it publishes.
  for (const p of LISTINGS) {
    await expect.poll(async () => (await shown(p)).includes(STORY), { message: `${STORY} on ${p}`, timeout: 5_000 }).toBe(true);
  }
  await page.goto(`${server.url}${STORY}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.locator('.preview-banner')).toHaveCount(0);
  await expect(page.locator('.locked-teaser')).toHaveAttribute('data-state', 'anonymous');
  await page.goto(`${server.url}/technology/`);
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
});
