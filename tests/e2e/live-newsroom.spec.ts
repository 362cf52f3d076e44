// A withdrawn story: when its file leaves the content folder, its address answers 410 Gone with
// a page that says the story was withdrawn (not the 404 page), shows nothing of the story, and
// no listing links to it; when the file comes back, the story is published again. A second
// server runs on the same build with its own embedded database and its own copy of the test
// content, which it watches (CONTENT_WATCH), so removing a file here touches no other test.
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BODY_ONLY_WORD, CANARIES } from '../support/canary.ts';
import { freePort } from '../support/instances/nginx.ts';
import { startSiteServer, type SiteServer } from '../support/site-server.ts';
import { TEST_BUILD_DIR, TEST_CONTENT_DIR, TEST_OUT_DIR } from '../support/test-site.ts';

const FOLDER = path.join(TEST_BUILD_DIR, 'withdrawn-server');
const CONTENT = path.join(FOLDER, 'content');
const FILE = path.join(CONTENT, 'articles', 'canary-fixture-story.mdx');
const ASIDE = path.join(FOLDER, 'canary-fixture-story.mdx.aside');
const STORY = '/business/canary-fixture-story/';
const HEADLINE = 'A holding company reports a quiet quarter as fixture testing continues';
/** Where this story is listed while public (the front page shows only the newest). */
const LISTINGS = ['/business/', '/tags/fixtures/', '/authors/priya-raman/'];
/** The watcher takes a change in within 2 s; a busy two-core machine gets some slack. */
const TAKEN_IN_MS = 10_000;

let server: SiteServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // The server takes the whole test content into its new database before it answers.
  test.setTimeout(180_000);
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(FOLDER, { recursive: true });
  cpSync(TEST_CONTENT_DIR, CONTENT, { recursive: true });
  server = await startSiteServer({
    port: await freePort(),
    outDir: TEST_OUT_DIR,
    contentDir: CONTENT,
    env: { DATA_DIR: path.join(FOLDER, 'data'), CONTENT_WATCH: 'true' },
    timeoutMs: 180_000,
  });
});

test.afterAll(async () => {
  await server?.stop();
});

async function get(pathname: string): Promise<{ status: number; body: string; cacheControl: string }> {
  const response = await fetch(`${server.url}${pathname}`);
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control') ?? '' };
}

async function statusBecomes(pathname: string, status: number): Promise<void> {
  await expect.poll(async () => (await get(pathname)).status, { timeout: TAKEN_IN_MS, intervals: [100, 250, 500] }).toBe(status);
}

test('a story whose file is removed answers 410 with a withdrawn page, and comes back with its file', async ({ page }) => {
  test.setTimeout(60_000);
  const before = await get(STORY);
  expect(before.status).toBe(200);
  expect(before.body).toContain(HEADLINE);
  for (const p of LISTINGS) expect((await get(p)).body.includes(STORY), `${STORY} listed on ${p}`).toBe(true);

  renameSync(FILE, ASIDE);
  await statusBecomes(STORY, 410);

  const gone = await page.goto(`${server.url}${STORY}`);
  expect(gone?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This story has been withdrawn');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  const html = await gone!.text();
  expect(html.includes('We can’t find that page'), 'the 404 page').toBe(false);
  for (const text of [HEADLINE, BODY_ONLY_WORD, ...CANARIES]) expect(html.includes(text), `"${text}" on the withdrawn page`).toBe(false);
  for (const p of LISTINGS) expect((await get(p)).body.includes(STORY), `${STORY} listed on ${p}`).toBe(false);

  // Back with its file. (Read over plain HTTP: the browser may keep the 410 page for the few
  // seconds any public page may be kept, src/lib/http/cache-control.ts.)
  renameSync(ASIDE, FILE);
  await statusBecomes(STORY, 200);
  expect((await get(STORY)).body).toContain(`<h1 class="article__title">${HEADLINE}</h1>`);
  for (const p of LISTINGS) expect((await get(p)).body.includes(STORY), `${STORY} listed on ${p}`).toBe(true);
});
