// Search's order and count at a cost bounded by the page (src/server/search/search-stories.ts),
// on PGlite or on PostgreSQL with TEST_DATABASE_URL: stories whose title, dek or summary match
// come first, then body-only matches, newest first in each tier whatever the number of
// occurrences; pages run across the tiers' boundary; a "-word" that only the body holds keeps a
// head match out; the total is exact up to SEARCH_COUNT_CAP and capped (totalCapped) beyond.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LARGER_WINDOW, RECENT_WINDOW, SEARCH_COUNT_CAP, searchStories } from '../../src/server/search/search-stories.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, HOUR, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { insertPeople, insertStories } from './search-rows.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let t: TestDatabase;
const find = async (q: string, page = 1, size = 20) => searchStories(t.db, q, NOW, page, size);
const slugs = async (q: string) => (await find(q)).items.map((r) => r.story.slug);

beforeAll(async () => {
  t = await freshDatabase();
  await insertPeople(t.db);
  await insertStories(t.db, [
    { slug: 'head-old', title: 'Cobalt miners regroup', publishedAt: ago(9 * DAY) },
    { slug: 'head-new', title: 'A quiet day', dek: 'Cobalt prices slip.', publishedAt: ago(1 * DAY) },
    { slug: 'head-summary', title: 'Another day', summary: 'Cobalt again.', publishedAt: ago(5 * DAY) },
    { slug: 'body-many', paragraphs: ['Cobalt, cobalt, cobalt and more cobalt: cobalt everywhere.'], publishedAt: ago(3 * DAY) },
    { slug: 'body-once', paragraphs: ['A word on cobalt.'], publishedAt: ago(2 * DAY) },
    { slug: 'body-oldest', paragraphs: ['Cobalt, long ago.'], publishedAt: ago(30 * DAY) },
    { slug: 'head-with-strike', title: 'Nickel output rises', paragraphs: ['A strike looms at the plant.'], publishedAt: ago(HOUR) },
    { slug: 'head-no-strike', title: 'Nickel output falls', publishedAt: ago(2 * HOUR) },
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);

afterAll(() => t?.close());

describe('searchStories: tiers, pages and the total', () => {
  it('puts head matches first, then body-only ones, newest first in each whatever the occurrences', async () => {
    expect(await slugs('cobalt')).toEqual(['head-new', 'head-summary', 'head-old', 'body-once', 'body-many', 'body-oldest']);
  });

  it('runs pages across the boundary between the tiers, with the total on each', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => find('cobalt', page, 2)));
    expect(pages.map((p) => p.items.map((r) => r.story.slug))).toEqual([['head-new', 'head-summary'], ['head-old', 'body-once'], ['body-many', 'body-oldest'], []]);
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
    const fours = await Promise.all([1, 2].map((page) => find('cobalt', page, 4)));
    expect(fours.map((p) => p.items.map((r) => r.story.slug))).toEqual([['head-new', 'head-summary', 'head-old', 'body-once'], ['body-many', 'body-oldest']]);
  });

  it('keeps out a head match whose body holds a word the query excludes', async () => {
    expect(await slugs('nickel -strike')).toEqual(['head-no-strike']);
  });

  it(`counts exactly up to ${SEARCH_COUNT_CAP} matches, and says "more" beyond`, async () => {
    const insertMany = (from: number, to: number, word = 'Tungsten', prefix = 'many-') =>
      t.db.execute(sql`
        insert into stories (slug, section_id, status, title, dek, summary, author_ids, tag_ids, published_at, public_html, public_text,
          public_words, has_key_insights, has_executive_actions, source, source_hash, saved_at)
        select ${prefix} || g, 'business', 'published', 'Story ' || g, 'A dek.', 'A summary.', array['priya-raman'], array[]::text[],
          ${ago(DAY).toISOString()}::timestamptz - g * interval '1 minute', ${`<p>${word}.</p>`}, ${word} || ' ' || g, 2, false, false, 's', ${prefix} || g, ${NOW.toISOString()}
        from generate_series(${from}::int, ${to}::int) g`);
    expect(SEARCH_COUNT_CAP).toBeGreaterThan(RECENT_WINDOW);
    await insertMany(1, SEARCH_COUNT_CAP);
    const exact = await find('tungsten');
    expect(exact.total).toBe(SEARCH_COUNT_CAP);
    expect(exact.totalCapped).toBeUndefined();
    await insertMany(SEARCH_COUNT_CAP + 1, SEARCH_COUNT_CAP + 1);
    const capped = await find('tungsten');
    expect(capped).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(capped.items.map((r) => r.story.slug).slice(0, 2)).toEqual(['many-1', 'many-2']);
    // Older than every one of them (beyond the newest RECENT_WINDOW): a head match still leads,
    // and a word only an old body holds is still found.
    await insertStories(t.db, [{ slug: 'old-head', title: 'Tungsten, years ago', paragraphs: ['Wolframite deposits.'], publishedAt: ago(900 * DAY) }]);
    expect((await find('tungsten')).items.map((r) => r.story.slug).slice(0, 2)).toEqual(['old-head', 'many-1']);
    expect(await slugs('wolframite')).toEqual(['old-head']);
    // Beyond the largest window too (more public stories than it holds, all newer): found through the GIN index.
    await insertMany(1, LARGER_WINDOW, 'Molybdenum', 'filler-');
    expect(await slugs('wolframite')).toEqual(['old-head']);
    expect((await find('tungsten')).items.map((r) => r.story.slug).slice(0, 2)).toEqual(['old-head', 'many-1']);
    // One head match among the newest RECENT_WINDOW, the next one beyond it: the larger window holds both.
    await insertStories(t.db, [
      { slug: 'moly-head-new', title: 'Molybdenum climbs', publishedAt: ago(HOUR / 2) },
      { slug: 'moly-head-mid', title: 'Molybdenum slips', publishedAt: new Date(ago(DAY).getTime() - (RECENT_WINDOW + 100) * 60_000) },
    ]);
    const pages = await Promise.all([1, 2].map((page) => find('molybdenum', page, 2)));
    expect(pages.map((p) => p.items.map((r) => r.story.slug))).toEqual([
      ['moly-head-new', 'moly-head-mid'],
      ['filler-1', 'filler-2'],
    ]);
    await t.db.execute(sql`delete from stories where slug = 'old-head' or slug like 'filler-%' or slug like 'moly-%'`);
    // The last page a reader can open is full; past it, the total is still the capped one.
    expect((await find('tungsten', SEARCH_COUNT_CAP / 20)).items).toHaveLength(20);
    expect(await find('tungsten', SEARCH_COUNT_CAP / 20 + 1)).toMatchObject({ items: [expect.anything()], total: SEARCH_COUNT_CAP, totalCapped: true });
  });
});
