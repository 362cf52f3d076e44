// A signed-in reader's page is assembled from a kept frame (src/lib/page-frame/frame.ts): the
// first plain GET of a path renders the frame and the middleware assembles the page from it
// (src/server/http/frame-from-render.ts); later ones are assembled by the start script from
// the kept frame (src/server/http/signed-in-pages.ts); a GET with a query is rendered in full.
// On a real server (scripts/serve.ts), for a reader in each entitlement state, the three give
// the same bytes and the same headers, and the page shows that state. The frames live as long
// as anonymous pages (ANONYMOUS_CACHE_SECONDS) by the site's clock, which the test holds still
// and moves on between readers, so each reader's first GET of a path renders its frame again.
// PGlite, or PostgreSQL with TEST_DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import type { EntitlementState } from '../../src/lib/paywall/entitlement.ts';
import { LOCKED_PART_EDITOR_NOTE } from '../../src/lib/content/locked-part-html.ts';
import { refillPeriod } from '../../src/lib/credits/monthly-refill.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { getPage, postForm, SESSION_COOKIE, unlock } from '../support/http-forms.ts';
import { createReader, type ReaderOptions } from '../support/reader-factory.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { startSeededSite, type SeededSite } from '../support/seeded-site.ts';
import { lockedFragments, normalizeForSearch } from '../support/locked-text.ts';
import { LOCKED_IMAGE_ALT, LOCKED_IMAGE_STORY, LOCKED_IMAGE_TEXT, withLockedImageStory } from '../support/locked-image-story.ts';

const TEST_TIMEOUT_MS = 60_000;
const FRAME_SECONDS = 60;
/** Past every kept frame's lifetime. */
const FRAMES_EXPIRE_MS = (FRAME_SECONDS + 1) * 1000;
/** Articles from the sitemap, one per section (the fixture story with a locked image besides). */
const SITEMAP_STORIES = 3;
/** Headers that differ between any two responses (each has its own request id), or with how the body is sent. */
const NOT_COMPARED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id']);
const DAY = 24 * 3600_000;

interface SeededReader {
  who: string;
  state: EntitlementState;
  email: string;
  cookie: string;
}

/** Every state a signed-in reader can be in, by who they are; `later` is the reader who unlocks during the test. */
const READERS: { who: string; state: EntitlementState; options: (now: Date) => ReaderOptions }[] = [
  { who: 'editor', state: 'editor', options: () => ({ role: 'editor' }) },
  { who: 'admin', state: 'editor', options: () => ({ role: 'admin' }) },
  { who: 'member', state: 'member', options: (now) => ({ membership: { status: 'active', currentPeriodEnd: new Date(now.getTime() + 365 * DAY) } }) },
  { who: 'unlocked', state: 'unlocked', options: () => ({ credits: SITEMAP_STORIES + 1 }) },
  { who: 'can-unlock', state: 'can-unlock', options: () => ({ credits: 3 }) },
  { who: 'no-credits', state: 'no-credits', options: () => ({ credits: 0 }) },
  { who: 'unverified', state: 'unverified', options: () => ({ verified: false }) },
  { who: 'later', state: 'can-unlock', options: () => ({ credits: 1 }) },
];

/** A clock start at least half an hour before its month ends, so no monthly refill falls due while the test moves the clock on. */
function clockStart(): Date {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return refillPeriod(new Date(now.getTime() + 30 * 60_000)) === refillPeriod(now) ? now : new Date(now.getTime() - 3600_000);
}

async function seedReaders(db: Db, now: Date): Promise<SeededReader[]> {
  const seeded: SeededReader[] = [];
  for (const { who, state, options } of READERS) {
    const user = await createReader(db, now, options(now));
    const { token } = await createSession(db, user.id, now, { userAgent: 'signed-in assembly test' });
    seeded.push({ who, state, email: user.email, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return seeded;
}

interface Page {
  status: number;
  body: Buffer;
  text: string;
  /** The headers that must match, sorted. */
  headers: [string, string][];
  /** Answered by the start script's assembler: it sends a length; Astro's handler streams its pages. */
  assembled: boolean;
}

async function fetchPage(baseUrl: string, pagePath: string, cookie: string): Promise<Page> {
  const response = await getPage(baseUrl, pagePath, cookie);
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => !NOT_COMPARED.has(name)).sort(([a], [b]) => a.localeCompare(b));
  const assembled = response.headers.has('content-length') && !response.headers.has('transfer-encoding');
  return { status: response.status, body, text: body.toString('utf8'), headers, assembled };
}

/** Undefined when the bodies hold the same bytes; else where they first differ, with the bytes around it. */
function firstDifference(actual: Buffer, expected: Buffer): string | undefined {
  if (actual.equals(expected)) return undefined;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const around = (b: Buffer) => b.subarray(Math.max(0, at - 60), at + 140).toString('utf8').replace(/\n/g, '\\n');
  return `${actual.length} and ${expected.length} bytes, first different at byte ${at}:\n  got      …${around(actual)}…\n  expected …${around(expected)}…`;
}

/** The reader's page of `pagePath` three ways: first GET (the frame rendered, assembled by the middleware), second (the kept frame), and in full. */
async function threeWays(baseUrl: string, pagePath: string, cookie: string): Promise<Page> {
  const first = await fetchPage(baseUrl, pagePath, cookie);
  const second = await fetchPage(baseUrl, pagePath, cookie);
  const full = await fetchPage(baseUrl, `${pagePath}?full=1`, cookie);
  expect([first.status, second.status, full.status], pagePath).toEqual([200, 200, 200]);
  expect({ first: first.assembled, second: second.assembled, full: full.assembled }, `${pagePath}: who answered`).toEqual({ first: false, second: true, full: false });
  expect(firstDifference(first.body, full.body), `${pagePath}: the middleware's assembly against the full rendering`).toBeUndefined();
  expect(firstDifference(second.body, full.body), `${pagePath}: the kept frame's assembly against the full rendering`).toBeUndefined();
  expect(first.headers, `${pagePath}: headers of the middleware's assembly`).toEqual(full.headers);
  expect(second.headers, `${pagePath}: headers of the kept frame's assembly`).toEqual(full.headers);
  return full;
}

const entitled = (state: EntitlementState) => state === 'editor' || state === 'member' || state === 'unlocked';
const OFFER = /<section [^>]*data-state="([^"]+)"/;
const offerState = (page: Page) => OFFER.exec(page.text)?.[1];

let site: SeededSite | undefined;
let readers: SeededReader[] = [];
let workDir = '';
/** Article paths from the sitemap, the locked-image story last. */
const stories: string[] = [];
/** The home page, a section, a tag and an author, from the sitemap. */
let listings: string[] = [];
/** Each story's locked sentences, from its source. */
const lockedText = new Map<string, string[]>();

const reader = (who: string) => readers.find((r) => r.who === who)!;
const slugOf = (storyPath: string) => storyPath.split('/')[2]!;

async function sitemapPaths(baseUrl: string, sitemap: string): Promise<string[]> {
  const xml = await (await getPage(baseUrl, sitemap)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

beforeAll(async () => {
  await ensureIntegrationSite();
  workDir = mkdtempSync(path.join(os.tmpdir(), 'masthead-signed-in-assembly-'));
  const env = { ...(await withLockedImageStory(workDir)), ANONYMOUS_CACHE_SECONDS: String(FRAME_SECONDS) };
  const started = await startSeededSite('signed_in_assembly', seedReaders, { env, startAt: clockStart() });
  site = started.site;
  readers = started.seeded;

  for (const { slug, fragment } of lockedFragments(path.join(env.MASTHEAD_CONTENT_DIR, 'articles'))) lockedText.set(slug, [...(lockedText.get(slug) ?? []), fragment]);
  const articles = (await sitemapPaths(site.url, '/sitemaps/1.xml')).filter((p) => /^\/[^/]+\/[^/]+\/$/.test(p));
  const imageStory = `/${LOCKED_IMAGE_STORY.section}/${LOCKED_IMAGE_STORY.slug}/`;
  const sections = new Set<string>();
  for (const article of articles) {
    const section = article.split('/')[1]!;
    if (stories.length === SITEMAP_STORIES || sections.has(section) || article === imageStory || !lockedText.has(slugOf(article))) continue;
    sections.add(section);
    stories.push(article);
  }
  expect(stories).toHaveLength(SITEMAP_STORIES);
  expect(articles, 'the story with a locked image is published').toContain(imageStory);
  stories.push(imageStory);
  const pages = await sitemapPaths(site.url, '/sitemaps/pages.xml');
  const firstOf = (pattern: RegExp) => pages.find((p) => pattern.test(p));
  listings = [firstOf(/^\/$/), firstOf(/^\/(?!tags\/|authors\/)[^/]+\/$/), firstOf(/^\/tags\/[^/]+\/$/), firstOf(/^\/authors\/[^/]+\/$/)].map((p) => p ?? expect.fail(`the sitemap lacks a listing: ${pages.join(' ')}`));

  // The unlocked reader unlocks every story used here, as a reader does.
  const unlocking = reader('unlocked');
  for (const story of stories) expect((await unlock(site.url, unlocking.cookie, { section: story.split('/')[1]!, slug: slugOf(story) })).status, story).toBe(303);
}, SITE_BUILD_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await site?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** What the page must show of the reader: their tools in the masthead (the desk for editors). */
function expectReaderTools(page: Page, { who, state, email }: SeededReader, pagePath: string): void {
  expect(page.text, `${who} on ${pagePath}: the Account link`).toContain(`<a href="/account/" title="${email}">Account</a>`);
  expect(page.text.includes('<a href="/desk/">Desk</a>'), `${who} on ${pagePath}: the desk link`).toBe(state === 'editor');
}

/** What the article must show in `state`: the locked text for the entitled (with the editors' note), the offer of that state for the others. */
function expectArticleState(page: Page, { who, state }: SeededReader, storyPath: string): void {
  const text = normalizeForSearch(page.text);
  const locked = [...(lockedText.get(slugOf(storyPath)) ?? []), ...(slugOf(storyPath) === LOCKED_IMAGE_STORY.slug ? [LOCKED_IMAGE_TEXT, LOCKED_IMAGE_ALT] : [])];
  expect(locked.length, storyPath).toBeGreaterThan(0);
  const label = `${who} on ${storyPath}`;
  if (entitled(state)) {
    for (const sentence of locked) expect(text, `${label}: locked text`).toContain(sentence);
    expect(offerState(page), `${label}: no offer`).toBeUndefined();
    expect(page.text.includes(LOCKED_PART_EDITOR_NOTE), `${label}: the editors' note`).toBe(state === 'editor');
  } else {
    for (const sentence of locked) expect(text, `${label}: no locked text`).not.toContain(sentence);
    expect(offerState(page), `${label}: the offer`).toBe(state);
  }
}

describe(`a signed-in page assembled from its kept frame (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, { timeout: TEST_TIMEOUT_MS }, () => {
  it.each(READERS.filter((r) => r.who !== 'later').map((r) => [r.who, r.state] as const))('is the full rendering, byte for byte, for the %s (%s), on each story', async (who) => {
    site!.clock.advance(FRAMES_EXPIRE_MS);
    const seeded = reader(who);
    for (const story of stories) {
      const page = await threeWays(site!.url, story, seeded.cookie);
      expectReaderTools(page, seeded, story);
      expectArticleState(page, seeded, story);
    }
  });

  it('shows the locked part with its picture resized, as the full rendering does', async () => {
    site!.clock.advance(FRAMES_EXPIRE_MS);
    const imageStory = stories.at(-1)!;
    const page = await threeWays(site!.url, imageStory, reader('member').cookie);
    const picture = new RegExp(`<img [^>]*alt="${LOCKED_IMAGE_ALT}"[^>]*>`).exec(page.text)?.[0];
    expect(picture, 'the locked picture').toBeDefined();
    expect(picture).toMatch(/ src="\/_image\?[^"]*" srcset="[^"]*\/_image\?[^"]* \d+w/);
  });

  it.each(READERS.filter((r) => r.who === 'editor' || r.who === 'can-unlock').map((r) => [r.who] as const))('is the full rendering for the %s on the home page, a section, a tag and an author', async (who) => {
    site!.clock.advance(FRAMES_EXPIRE_MS);
    const seeded = reader(who);
    for (const listing of listings) expectReaderTools(await threeWays(site!.url, listing, seeded.cookie), seeded, listing);
  });

  it('shows the locked parts, from the kept frame, on the very next GET after an unlock', async () => {
    site!.clock.advance(FRAMES_EXPIRE_MS);
    const later = reader('later');
    const story = stories[0]!;
    expect(offerState(await threeWays(site!.url, story, later.cookie))).toBe('can-unlock');

    const unlocked = await unlock(site!.url, later.cookie, { section: story.split('/')[1]!, slug: slugOf(story) });
    expect(unlocked.status).toBe(303);
    const next = await fetchPage(site!.url, story, later.cookie);

    expect(next.assembled, 'answered from the kept frame').toBe(true);
    expectArticleState(next, { ...later, state: 'unlocked' }, story);
    expect(firstDifference(next.body, (await fetchPage(site!.url, `${story}?full=1`, later.cookie)).body)).toBeUndefined();
  });

  it('gives the anonymous page to the same cookie after signing out', async () => {
    const later = reader('later');
    const story = stories[0]!;
    expect((await fetchPage(site!.url, story, later.cookie)).assembled, 'the frame is still kept').toBe(true);

    const signedOut = await postForm(site!.url, '/sign-out/?_action=signOut', {}, { cookie: later.cookie });
    expect(signedOut.status).toBe(303);

    for (const pagePath of [story, listings[0]!]) {
      const page = await fetchPage(site!.url, pagePath, later.cookie);
      expect(page.status, pagePath).toBe(200);
      expect(page.assembled, `${pagePath}: not from a frame`).toBe(false);
      expect(page.text, pagePath).not.toContain('>Account</a>');
      expect(page.text, pagePath).not.toContain(later.email);
      expect(page.text, pagePath).toContain(`<a href="/sign-in/?next=`);
    }
    expectArticleState(await fetchPage(site!.url, story, later.cookie), { ...later, state: 'anonymous' }, story);
  });
});
