// Body images as readers get them: a story whose body and locked part hold local images, taken in
// with the files measured, is served with each <img> from Astro's image service (srcset of WebP
// widths, sizes, width and height), every /_image URL in it answers with a picture of that
// width, the browser loads it under the site's CSP, and the locked part's image reaches only a
// member. A server of its own runs on the test build with its own database and content; the
// pictures are written into the build's public copy (what the server serves and /_image reads),
// which is also the folder ingest measures them in.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import sharp from 'sharp';
import { openPglite } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { ARTICLE_IMAGE_SIZES } from '../../src/lib/content/responsive-image.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { createDemoAccounts } from '../../src/server/db/demo-accounts.ts';
import { freePort } from '../support/instances/nginx.ts';
import { startSiteServer, type SiteServer } from '../support/site-server.ts';
import { ROOT, TEST_BUILD_DIR, TEST_CONTENT_DIR, TEST_OUT_DIR } from '../support/test-site.ts';

const FOLDER = path.join(TEST_BUILD_DIR, 'body-images-server');
const CONTENT = path.join(FOLDER, 'content');
const PUBLIC = path.join(TEST_OUT_DIR, 'client');
const IMAGES = path.join(PUBLIC, 'images', 'body-images-e2e');
const SITE_IMAGES = '/images/body-images-e2e';
const STORY = '/business/body-images-e2e/';

const STORY_FILE = `---
title: "Harbour cranes run at full tilt as volumes climb"
dek: "The port's busiest quarter, in pictures."
summary: "Volumes rose for a third quarter. The locked part has the margin chart."
section: business
authors: [mei-lin-zhao]
tags: [fixtures]
publishedAt: 2026-01-05T07:00:00Z
---

The terminal ran at full capacity in June.

<Figure src="${SITE_IMAGES}/cranes.jpg" alt="Container cranes at a quay" caption="Three ships alongside." credit="Photo: Ana Ruiz" />

![A map of the berths](${SITE_IMAGES}/berths.png)

<Figure src="https://images.example.org/remote.jpg" alt="A remote picture" />

<KeyInsights>

- Margins widened with volumes.

<Figure src="${SITE_IMAGES}/margins.png" alt="Margins by quarter" />

</KeyInsights>

<ExecutiveActions>

1. Book capacity before the autumn peak.

</ExecutiveActions>
`;

let server: SiteServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(path.join(CONTENT, 'articles'), { recursive: true });
  for (const kind of ['sections', 'authors']) cpSync(path.join(TEST_CONTENT_DIR, kind), path.join(CONTENT, kind), { recursive: true });
  writeFileSync(path.join(CONTENT, 'articles', 'body-images-e2e.mdx'), STORY_FILE);
  mkdirSync(IMAGES, { recursive: true });
  const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#2f5d8a' } });
  await picture(1600, 900).jpeg().toFile(path.join(IMAGES, 'cranes.jpg'));
  await picture(500, 300).png().toFile(path.join(IMAGES, 'berths.png'));
  await picture(700, 350).png().toFile(path.join(IMAGES, 'margins.png'));

  const database = await openPglite(path.join(FOLDER, 'data', 'db'));
  try {
    await migrateDatabase(database, path.join(ROOT, 'db/migrations'));
    await createDemoAccounts(database.db, new Date());
    const lines: string[] = [];
    const synced = await syncContentFolder(database.db, CONTENT, { now: new Date(), log: (l) => lines.push(l), mode: 'all-or-nothing', publicDir: PUBLIC });
    expect(synced.ok, lines.join('\n')).toBe(true);
  } finally {
    await database.close();
  }
  server = await startSiteServer({ port: await freePort(), outDir: TEST_OUT_DIR, contentDir: CONTENT, env: { DATA_DIR: path.join(FOLDER, 'data') }, timeoutMs: 90_000 });
});

// The pictures stay in the build until the next run wipes it: the leak crawl reads every client
// file at the same time, and a file removed under it would fail that test.
test.afterAll(async () => {
  await server?.stop();
});

/** Each <img> tag of a page by a word of its alt text, its attributes decoded. */
function imageTags(html: string): Map<string, Record<string, string>> {
  const images = new Map<string, Record<string, string>>();
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of tag.matchAll(/\s([a-z-]+)="([^"]*)"/g)) attributes[name ?? ''] = (value ?? '').replaceAll('&amp;', '&').replaceAll('&quot;', '"');
    images.set(attributes['alt'] ?? '', attributes);
  }
  return images;
}

/** The page's HTML, anonymously or through a signed-in reader's context; it must answer 200. */
async function page(pathname: string, api?: APIRequestContext): Promise<string> {
  if (api) {
    const response = await api.get(pathname);
    expect(response.status(), pathname).toBe(200);
    return response.text();
  }
  const response = await fetch(`${server.url}${pathname}`);
  expect(response.status, pathname).toBe(200);
  return response.text();
}

test('local body images are served through the image service, each /_image URL answering with its width', async () => {
  const html = await page(STORY);
  const images = imageTags(html);
  const cranes = images.get('Container cranes at a quay');
  expect(cranes, 'the <Figure> image').toBeDefined();
  expect(cranes).toMatchObject({ width: '1600', height: '900', sizes: ARTICLE_IMAGE_SIZES, loading: 'lazy', decoding: 'async' });
  expect(cranes?.['src']).toMatch(/^\/_image\?/);
  const candidates = (cranes?.['srcset'] ?? '').split(', ').map((c) => c.split(' '));
  expect(candidates.map(([, w]) => w)).toEqual(['320w', '640w', '960w', '1280w', '1600w']);
  for (const [url, w] of candidates) {
    const response = await fetch(`${server.url}${url}`);
    expect(response.status, url).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    const { width, format } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([format, `${width}w`]).toEqual(['webp', w]);
  }

  const berths = images.get('A map of the berths');
  expect(berths, 'the Markdown image').toMatchObject({ width: '500', height: '300', sizes: ARTICLE_IMAGE_SIZES });
  expect(berths?.['srcset']?.split(', ').map((c) => c.split(' ')[1])).toEqual(['320w', '500w']);

  expect(images.get('A remote picture')?.['src']).toBe('https://images.example.org/remote.jpg');
  expect(html.includes('margins.png'), 'the locked part’s image on the anonymous page').toBe(false);
  expect(html.includes('Margins by quarter')).toBe(false);
});

test('the browser loads a resized copy under the page’s policy', async ({ page: browserPage }) => {
  await browserPage.goto(`${server.url}${STORY}`);
  const img = browserPage.getByRole('img', { name: 'Container cranes at a quay' });
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : 0))).toBeGreaterThan(0);
  expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toContain('/_image?');
});

test('the locked part’s image reaches a member, resized like the others', async () => {
  const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { Origin: server.url } });
  const signIn = await api.post('/sign-in/?_action=signIn', { form: { email: 'member@demo.masthead.test', password: 'demo-member-2026', next: '/' }, maxRedirects: 0 });
  expect(signIn.status(), 'the demo member signs in').toBe(303);
  const margins = imageTags(await page(STORY, api)).get('Margins by quarter');
  expect(margins).toMatchObject({ width: '700', height: '350', sizes: ARTICLE_IMAGE_SIZES, loading: 'lazy' });
  expect(margins?.['srcset']?.split(', ').map((c) => c.split(' ')[1])).toEqual(['320w', '640w', '700w']);
  const largest = (margins?.['srcset'] ?? '').split(', ').at(-1)?.split(' ')[0] ?? '';
  expect((await api.get(largest)).status()).toBe(200);
  await api.dispose();
});
