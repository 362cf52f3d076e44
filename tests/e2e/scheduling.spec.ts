// A scheduled story appears everywhere by itself once its time comes, with no rebuild and no
// restart. A second server runs on the same build with its clock read from a file the test
// moves (MASTHEAD_CLOCK_FILE), on its own embedded database.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startSiteServer, type SiteServer } from '../support/site-server.ts';
import { TEST_BUILD_DIR, TEST_OUT_DIR } from '../support/test-site.ts';

const PORT = Number(process.env.TEST_CLOCK_PORT ?? 4396);
const FOLDER = path.join(TEST_BUILD_DIR, 'clock-server');
const CLOCK = path.join(FOLDER, 'now.txt');
const STORY = '/technology/scheduled-fixture-story/';
const HEADLINE = 'Scheduled fixture: Orrindale Mills to publish results in 2099';
const PUBLISHES = Date.parse('2099-01-01T09:00:00Z');
/** Every place a published story is linked from (feeds and the sitemap by absolute URL). */
const LISTINGS = ['/', '/technology/', '/tags/fixtures/', '/authors/jonas-berg/', '/rss.xml', '/technology/rss.xml', '/sitemap.xml', '/search/?q=Orrindale'];

let server: SiteServer;
const setClock = (ms: number) => writeFileSync(CLOCK, new Date(ms).toISOString());

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(FOLDER, { recursive: true });
  setClock(PUBLISHES - 30_000);
  server = await startSiteServer({ port: PORT, outDir: TEST_OUT_DIR, env: { DATA_DIR: path.join(FOLDER, 'data'), MASTHEAD_CLOCK_FILE: CLOCK } });
});

test.afterAll(async () => {
  await server?.stop();
});

async function text(pathname: string): Promise<{ status: number; body: string; cacheControl: string }> {
  const response = await fetch(`${server.url}${pathname}`);
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control') ?? '' };
}

test('a scheduled story appears on its page, listings, feeds, sitemap and search when its time comes', async ({ page }) => {
  // Thirty seconds before: nowhere, and the pages that list stories may be shared only until then.
  expect((await text(STORY)).status).toBe(404);
  const listing = await text('/technology/');
  expect(listing.body).not.toContain(HEADLINE);
  expect(listing.cacheControl).toMatch(/s-maxage=30\b/);
  for (const p of LISTINGS) expect((await text(p)).body, p).not.toContain(STORY);

  setClock(PUBLISHES + 1_000);
  await page.goto(`${server.url}${STORY}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.locator('.preview-banner')).toHaveCount(0);
  await expect(page.locator('.locked-teaser')).toHaveAttribute('data-state', 'anonymous');
  await page.goto(`${server.url}/technology/`);
  await expect(page.getByRole('link', { name: HEADLINE })).toBeVisible();
  for (const p of LISTINGS) expect((await text(p)).body, p).toContain(STORY);
});
