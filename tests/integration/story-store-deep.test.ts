// A deep page of a big section (src/server/content/story-lists.ts): 13,000 stories, page 500
// of 20 holds exactly the right ones, and the query is one the partial index answers in order
// (stories_section_recent or stories_public_recent; no sort of the whole section); on PGlite
// and on PostgreSQL.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stories } from '../../db/schema/content.ts';
import { listPublicStories } from '../../src/server/content/stories.ts';
import { newestFirst, publicAt, storyListColumns } from '../../src/server/content/story-rows.ts';
import { freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { minutesAfter, seedSections, seedStories, useForStore, type StorySeed } from './story-store-seed.ts';

const NOW = new Date('2026-08-01T12:00:00Z');
const BASE = new Date('2025-01-01T00:00:00Z');
const COUNT = 13_000;
const BATCH = 1_000;
const PAGE = 500;
const PAGE_SIZE = 20;

/** Every story in newest-first order (published_at desc, id desc), as the test inserted it. */
const expected: { slug: string; id: number; publishedAt: Date }[] = [];

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [
    { id: 'archive', position: 1 },
    { id: 'other', position: 2 },
  ]);
  for (let start = 0; start < COUNT; start += BATCH) {
    // Three stories share each minute, so ties are everywhere; every 50th is a draft.
    const batch: StorySeed[] = Array.from({ length: BATCH }, (_, k) => {
      const i = start + k;
      return { slug: `deep-${i}`, section: 'archive', publishedAt: minutesAfter(BASE, Math.floor(i / 3)), status: i % 50 === 7 ? 'draft' : 'published' };
    });
    const ids = await seedStories(t.db, batch);
    for (const s of batch) if (s.status !== 'draft') expected.push({ slug: s.slug, id: ids.get(s.slug) ?? 0, publishedAt: s.publishedAt });
  }
  // Newer stories of another section, which a section page must not count or show.
  await seedStories(t.db, Array.from({ length: 30 }, (_, i) => ({ slug: `other-${i}`, section: 'other', publishedAt: minutesAfter(NOW, -i) })));
  expected.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id);
  await t.db.execute(sql`analyze stories`);
}, 240_000); // 13 inserts of 1,000 rows: slow on PGlite under load
afterAll(() => t?.close());

describe('page 500 of a 13,000-story section', () => {
  it('holds exactly the 9,981st to the 10,000th newest public stories of the section', async () => {
    const page = await listPublicStories({ section: 'archive' }, NOW, PAGE, PAGE_SIZE);
    const from = (PAGE - 1) * PAGE_SIZE;
    expect(page.total).toBe(expected.length);
    expect(page.items.map((s) => s.slug)).toEqual(expected.slice(from, from + PAGE_SIZE).map((s) => s.slug));
  });

  it('has a last page that holds what is left, and nothing after it', async () => {
    const last = Math.ceil(expected.length / PAGE_SIZE);
    const lastPage = await listPublicStories({ section: 'archive' }, NOW, last, PAGE_SIZE);
    expect(lastPage.items.map((s) => s.slug)).toEqual(expected.slice((last - 1) * PAGE_SIZE).map((s) => s.slug));
    expect((await listPublicStories({ section: 'archive' }, NOW, last + 1, PAGE_SIZE)).items).toEqual([]);
  });

  it('is read through a partial index in its order, without sorting the section', async () => {
    const query = t.db
      .select(storyListColumns)
      .from(stories)
      .where(and(publicAt(NOW), eq(stories.sectionId, 'archive')))
      .orderBy(...newestFirst)
      .limit(PAGE_SIZE)
      .offset((PAGE - 1) * PAGE_SIZE);
    const plan = await planWithoutSorting(query);
    // Which of the two the planner takes depends on how much of the table the section is.
    expect(plan).toMatch(/Index Scan using stories_(section|public)_recent/);
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it('finds a deep page by id in the index alone once the table is vacuumed (as content:sync leaves it)', async () => {
    await t.db.execute(sql`vacuum analyze stories`);
    const ids = t.db
      .select({ id: stories.id })
      .from(stories)
      .where(and(publicAt(NOW), eq(stories.sectionId, 'archive')))
      .orderBy(...newestFirst)
      .limit(PAGE_SIZE)
      .offset((PAGE - 1) * PAGE_SIZE);
    const plan = await planWithoutSorting(ids);
    expect(plan).toMatch(/Index Only Scan using stories_(section|public)_recent/);
  });
});

/**
 * The plan PostgreSQL chooses for `query` with sorting made prohibitively dear: if the order did
 * not match the index, the plan would still need a Sort node, and the tests would see it.
 */
async function planWithoutSorting(query: { getSQL(): SQL }): Promise<string> {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_sort = off`);
    const result: unknown = await tx.execute(sql`explain `.append(query.getSQL()));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
    return rows.map((row) => Object.values(row).join(' ')).join('\n');
  });
}
