// Search never finds a story by its locked parts, and never quotes them: for the canary fixture
// story (tests/fixtures/articles/canary-fixture-story.mdx), every word and phrase that only its
// locked parts hold is searched for, by a reader in each state the other leak specs use
// (leak-by-state.spec.ts): anonymous, unverified, can-unlock, no-credits, a member, an editor and
// a reader who unlocked the story. Entitled readers see the locked parts on the article page;
// search is the same for everyone, so none of them may find them there either.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BODY_ONLY_WORD, CANARIES, LOCKED_ONLY_WORD } from '../support/canary.ts';
import { anonymousClient, demoReader, newReader, unlockOverHttp, type HttpReader } from '../support/http-reader.ts';
import { normalizeForSearch } from '../support/locked-text.ts';
import { ROOT } from '../support/test-site.ts';

const CANARY_PATH = '/business/canary-fixture-story/';
const CANARY_FILE = path.join(ROOT, 'tests/fixtures/articles/canary-fixture-story.mdx');
const LOCKED_BLOCK = /<(KeyInsights|ExecutiveActions)\b[^>]*>[\s\S]*?<\/\1>/g;

/** The words (5+ letters) of the canary's locked parts that nothing else in its file holds. */
function lockedOnlyWords(): string[] {
  const source = readFileSync(CANARY_FILE, 'utf8');
  const words = (text: string) => new Set((text.toLowerCase().match(/[a-z]{5,}/g) ?? []).filter((w) => w !== 'keyinsights' && w !== 'executiveactions'));
  const locked = words([...source.matchAll(LOCKED_BLOCK)].map((m) => m[0]).join(' '));
  const free = words(source.replace(LOCKED_BLOCK, ' '));
  return [...locked].filter((w) => !free.has(w)).sort();
}

const WORDS = lockedOnlyWords();
/** Phrases of the locked sentences, and the sentences themselves. */
const PHRASES = ['heron ledger', 'seventeen silver kites', 'amber turbine', 'Quillmoor treasury', '"heron ledger"', ...CANARIES];

/** The results list of a search page (empty when there is none). */
const resultsOf = (html: string) => /<ol class="[^"]*\bsearch-results\b[^"]*"[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
const resultCount = (html: string) => (resultsOf(html).match(/<li class="[^"]*\bsearch-result\b[^"]*"/g) ?? []).length;
const leaks = (html: string) => CANARIES.filter((c) => normalizeForSearch(html).includes(c));

async function searchAs(reader: HttpReader, query: string) {
  const res = await reader.api.get(`/search/?q=${encodeURIComponent(query)}`);
  return { status: res.status(), html: await res.text() };
}

/** Searches every locked-only word and phrase; returns what went wrong, one line each. */
async function lockedSearchProblems(reader: HttpReader): Promise<string[]> {
  const problems: string[] = [];
  for (const query of [...WORDS, ...PHRASES]) {
    const { status, html } = await searchAs(reader, query);
    if (status !== 200) problems.push(`${query}: status ${status}`);
    if (resultsOf(html).includes(CANARY_PATH)) problems.push(`${query}: found the canary story`);
    // A canary sentence searched for is echoed back in the form and the heading: there, only the
    // results may not hold it. Any other search must hold no canary sentence anywhere.
    const quoted = (CANARIES as readonly string[]).includes(query) ? resultsOf(html) : html;
    if (leaks(quoted).length > 0) problems.push(`${query}: a canary sentence is in the page`);
    // The snippets of whatever else matched must not quote the canary's locked words either.
    if (/quillmoor|heron ledger|silver kites|amber turbine/i.test(normalizeForSearch(resultsOf(html)))) problems.push(`${query}: a locked phrase is in the results`);
  }
  const madeUp = await searchAs(reader, LOCKED_ONLY_WORD);
  if (resultCount(madeUp.html) !== 0 || !madeUp.html.includes('No stories match')) problems.push(`${LOCKED_ONLY_WORD}: results where there should be none`);
  return problems;
}

async function readerWithNoCredits(): Promise<HttpReader> {
  const reader = await newReader({ verify: true });
  for (const slug of ['comcast-nbcuniversal-sky-spin-off', 'bungie-destiny-2-layoffs-marathon', 'sk-hynix-nasdaq-listing-plan']) {
    expect((await unlockOverHttp(reader, 'business', slug)).status()).toBe(303);
  }
  return reader;
}

async function readerWhoUnlocked(): Promise<HttpReader> {
  const reader = await newReader({ verify: true });
  expect((await unlockOverHttp(reader, 'business', 'canary-fixture-story')).status()).toBe(303);
  return reader;
}

const anonymous = async (): Promise<HttpReader> => ({ api: await anonymousClient(), email: '', password: '' });

test('the canary has locked-only words to search for, and search finds it by its free body', async () => {
  expect(WORDS).toEqual(expect.arrayContaining(['quillmoor', 'heron', 'kites', 'turbine']));
  const { html } = await searchAs(await anonymous(), BODY_ONLY_WORD);
  expect(resultsOf(html)).toContain(CANARY_PATH);
  expect(resultCount(html)).toBe(1);
  expect(leaks(html)).toEqual([]);
});

const states: [string, string | undefined, () => Promise<HttpReader>][] = [
  ['anonymous', undefined, anonymous],
  ['unverified', 'unverified', () => newReader({ verify: false })],
  ['can-unlock', 'can-unlock', () => newReader({ verify: true })],
  ['no-credits', 'no-credits', readerWithNoCredits],
  ['member', undefined, () => demoReader('member')],
  ['editor', undefined, () => demoReader('editor')],
  ['unlocked', undefined, readerWhoUnlocked],
];

for (const [name, dataState, make] of states) {
  test(`search never finds or quotes the locked parts, for a reader who is ${name}`, async () => {
    test.setTimeout(90_000);
    const reader = await make();
    const page = await (await reader.api.get(CANARY_PATH)).text();
    // The reader really is in that state (as leak-by-state.spec.ts checks it).
    if (dataState) expect(page).toContain(`data-state="${dataState}"`);
    const { html } = await searchAs(reader, BODY_ONLY_WORD);
    expect(resultsOf(html), 'search works for this reader').toContain(CANARY_PATH);
    expect(await lockedSearchProblems(reader)).toEqual([]);
  });
}

test('searching through the form as an anonymous reader shows no result and no locked text', async ({ page }) => {
  for (const query of [LOCKED_ONLY_WORD, 'heron ledger silver kites', 'amber turbine']) {
    await page.goto('/search/');
    await page.getByLabel(/Search stories/).fill(query);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { level: 2 })).toContainText('No stories match');
    await expect(page.locator('.search-result')).toHaveCount(0);
    const text = await page.locator('body').innerText();
    for (const canary of CANARIES) expect(normalizeForSearch(text)).not.toContain(canary);
  }
});
