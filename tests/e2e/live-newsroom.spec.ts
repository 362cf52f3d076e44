// The live newsroom, as an editor saving files meets it: a new story file is live on its page,
// the home page, its section, the feeds and search within seconds, with no build and no restart;
// a broken save is reported on the desk as path:line: message and the published version stays;
// a story that imports a component (which once made the paywall fail open) is refused and its
// locked text reaches no one; and a story whose file leaves the folder answers 410 Gone with a
// page that says it was withdrawn, and comes back with its file. A second server runs on the
// same build with its own embedded database and its own copy of the test content, which it
// watches (CONTENT_WATCH), so the files changed here touch no other test.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from '@playwright/test';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BODY_ONLY_WORD, CANARIES, LOCKED_ONLY_WORD } from '../support/canary.ts';
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

/** A story file in the fixtures' shape; `body` goes after the frontmatter. */
function storyFile(fields: { title: string; publishedAt?: string }, body: string): string {
  return `---
title: "${fields.title}"
dek: "A story saved while the server runs, to show it goes live without a build."
summary: "Written by the live newsroom test. Its free body is public; its locked parts are not."
section: business
authors: [priya-raman]
tags: [fixtures]
publishedAt: ${fields.publishedAt ?? new Date(Date.now() - 60_000).toISOString()}
---

${body}
`;
}

const LOCKED = (word: string) => `<KeyInsights>

- Only members read that ${word} is locked.

</KeyInsights>

<ExecutiveActions>

- Members act on ${word} first.

</ExecutiveActions>`;

async function editor() {
  const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { Origin: server.url } });
  const res = await api.post('/sign-in/?_action=signIn', { form: { email: 'editor@demo.masthead.test', password: 'demo-editor-2026', next: '/' }, maxRedirects: 0 });
  expect(res.status(), 'the demo editor signs in').toBe(303);
  return api;
}

test('a new story file is live on its page, the home page, its section, the feeds and search, without a build', async () => {
  test.setTimeout(60_000);
  const slug = 'live-newsroom-new-story';
  const word = 'Marrowgate';
  writeFileSync(
    path.join(CONTENT, 'articles', `${slug}.mdx`),
    storyFile({ title: 'A story saved while the server runs goes live' }, `${word} Freight saved this story while the site was serving.\n\n${LOCKED('Pellucid')}`),
  );
  const story = `/business/${slug}/`;
  await statusBecomes(story, 200);
  for (const p of ['/', '/business/', '/rss.xml', '/business/rss.xml', `/search/?q=${word}`]) {
    await expect.poll(async () => (await get(p)).body.includes(slug), { timeout: TAKEN_IN_MS, message: `${slug} on ${p}` }).toBe(true);
  }
  const page = (await get(story)).body;
  expect(page).toContain(word);
  expect(page.includes('Pellucid'), 'the locked word on the anonymous page').toBe(false);
  expect((await get('/search/?q=Pellucid')).body.includes(slug), 'a locked word found by search').toBe(false);
});

test('a broken save is reported on the desk with its line, and the published version stays up', async () => {
  test.setTimeout(60_000);
  const original = readFileSync(FILE, 'utf8');
  const broken = original.replace('section: business', 'section: nowhere-at-all');
  expect(broken).not.toBe(original);
  try {
    writeFileSync(FILE, broken.replace('Brisvander Holdings', 'Brisvander Holdings {1 + 1}'));
    const desk = await editor();
    await expect
      .poll(async () => (await desk.get('/desk/')).text(), { timeout: TAKEN_IN_MS })
      .toMatch(/articles\/canary-fixture-story\.mdx:\d+: /);
    const reported = await (await desk.get('/desk/')).text();
    expect(reported).toContain('nowhere-at-all');
    const live = await get(STORY);
    expect(live.status).toBe(200);
    expect(live.body).toContain(HEADLINE);
    expect(live.body.includes('{1 + 1}')).toBe(false);
    await desk.dispose();
  } finally {
    writeFileSync(FILE, original);
  }
  const desk = await editor();
  await expect.poll(async () => (await desk.get('/desk/')).text(), { timeout: TAKEN_IN_MS }).toContain('Every file in the content folder is live as written.');
  await desk.dispose();
});

test('a story that imports a component is refused, and its locked text reaches no one', async () => {
  test.setTimeout(60_000);
  const slug = 'live-newsroom-imports-a-component';
  const word = 'Thistlecombe';
  writeFileSync(
    path.join(CONTENT, 'articles', `${slug}.mdx`),
    storyFile({ title: 'A story that imports the locked component' }, `import KeyInsights from '../../src/components/mdx/KeyInsights.astro';\n\nThe free body of a story that tries an import.\n\n${LOCKED(word)}`),
  );
  const desk = await editor();
  await expect.poll(async () => (await desk.get('/desk/')).text(), { timeout: TAKEN_IN_MS }).toContain(`articles/${slug}.mdx:`);
  const deskPage = await (await desk.get('/desk/')).text();
  expect(deskPage).toContain('Stories cannot import or export');
  await desk.dispose();
  expect((await get(`/business/${slug}/`)).status).toBe(404);
  for (const p of ['/', '/business/', '/rss.xml', '/business/rss.xml']) {
    expect((await get(p)).body.includes(word), `${word} on ${p}`).toBe(false);
  }
  // The search page repeats the query: what must be absent is the story.
  expect((await get(`/search/?q=${word}`)).body.includes(slug), 'the refused story found by its locked word').toBe(false);
  rmSync(path.join(CONTENT, 'articles', `${slug}.mdx`));
});

test('the locked-only word of the canary is never on the watched server\'s public pages', async () => {
  for (const p of [STORY, '/', '/business/', '/rss.xml', '/business/rss.xml']) {
    expect((await get(p)).body.includes(LOCKED_ONLY_WORD), `${LOCKED_ONLY_WORD} on ${p}`).toBe(false);
  }
  expect((await get(`/search/?q=${LOCKED_ONLY_WORD}`)).body.includes(STORY), 'the canary found by its locked word').toBe(false);
});
