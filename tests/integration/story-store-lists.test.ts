// The store's public listings (src/server/content/story-lists.ts): who is listed at a given
// time, in what order, within which scope, with what total; on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPublicStories, listPublicStories } from '../../src/server/content/stories.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, HOUR, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedAuthors, seedSections, seedStories, seedTags, useForStore } from './story-store-seed.ts';

const NOW = new Date('2026-08-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const slugsOf = (list: { items: { slug: string }[] }) => list.items.map((s) => s.slug);

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [
    { id: 'business', position: 1 },
    { id: 'markets', position: 2 },
    { id: 'ties', position: 3 },
  ]);
  await seedAuthors(t.db, [
    { id: 'ana', name: 'Ana Ruiz' },
    { id: 'ben', name: 'Ben Okafor' },
  ]);
  await seedTags(t.db, ['china', 'steel']);
  await seedStories(t.db, [
    { slug: 'pub-old', section: 'business', publishedAt: ago(3 * DAY) },
    { slug: 'draft-old', section: 'business', status: 'draft', publishedAt: ago(2 * DAY), tags: ['china'], authors: ['ana'] },
    { slug: 'gone', section: 'business', status: 'unpublished', publishedAt: ago(DAY), tags: ['china'], authors: ['ana'] },
    { slug: 'sched-past', section: 'business', status: 'scheduled', publishedAt: ago(HOUR) },
    { slug: 'sched-future', section: 'business', status: 'scheduled', publishedAt: new Date(NOW.getTime() + HOUR) },
    { slug: 'pub-future', section: 'business', publishedAt: new Date(NOW.getTime() + 2 * HOUR) },
    { slug: 'm1', section: 'markets', publishedAt: ago(5 * DAY), tags: ['china'], authors: ['ana'] },
    { slug: 'm2', section: 'markets', publishedAt: ago(4 * DAY), tags: ['china', 'steel'], authors: ['ana', 'ben'] },
    { slug: 'm3-draft', section: 'markets', status: 'draft', publishedAt: ago(4 * DAY), tags: ['china'], authors: ['ben'] },
    { slug: 'b-china', section: 'business', publishedAt: ago(6 * DAY), tags: ['china'], authors: ['ben'] },
  ]);
  // Inserted in this order, so ids ascend t1 < t2 < t3; all three at the same time.
  await seedStories(t.db, ['t1', 't2', 't3'].map((slug) => ({ slug, section: 'ties', publishedAt: ago(10 * DAY) })));
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('visibility', () => {
  it('lists published and due scheduled stories, never a draft, an unpublished story or one not yet due', async () => {
    expect(slugsOf(await listPublicStories({ section: 'business' }, NOW, 1))).toEqual(['sched-past', 'pub-old', 'b-china']);
  });

  it('lists a scheduled story from the very moment it is due, not a millisecond before', async () => {
    const due = new Date(NOW.getTime() + HOUR);
    expect(slugsOf(await listPublicStories({ section: 'business' }, new Date(due.getTime() - 1), 1))).not.toContain('sched-future');
    expect(slugsOf(await listPublicStories({ section: 'business' }, due, 1))).toEqual(['sched-future', 'sched-past', 'pub-old', 'b-china']);
  });

  it('treats a published story dated later as waiting for its time', async () => {
    const later = new Date(NOW.getTime() + 2 * HOUR);
    expect(slugsOf(await listPublicStories({ section: 'business' }, NOW, 1))).not.toContain('pub-future');
    expect(slugsOf(await listPublicStories({ section: 'business' }, later, 1))[0]).toBe('pub-future');
  });

  it('never lists an unpublished story, however far the clock moves', async () => {
    const years = new Date(NOW.getTime() + 1000 * DAY);
    const everything = await listPublicStories({}, years, 1, 100);
    expect(slugsOf(everything)).not.toContain('gone');
    expect(slugsOf(everything)).not.toContain('draft-old');
    expect(everything.total).toBe(10);
  });
});

describe('ordering', () => {
  it('lists the whole site newest first', async () => {
    expect(slugsOf(await listPublicStories({}, NOW, 1, 100))).toEqual(['sched-past', 'pub-old', 'm2', 'm1', 'b-china', 't3', 't2', 't1']);
  });

  it('breaks a tie in time by id, the later row first (not by slug)', async () => {
    expect(slugsOf(await listPublicStories({ section: 'ties' }, NOW, 1))).toEqual(['t3', 't2', 't1']);
  });

  it('cuts pages without skipping or repeating a story across a tie', async () => {
    const first = await listPublicStories({ section: 'ties' }, NOW, 1, 2);
    const second = await listPublicStories({ section: 'ties' }, NOW, 2, 2);
    expect([slugsOf(first), slugsOf(second)]).toEqual([['t3', 't2'], ['t1']]);
  });

  it('gives the latest stories newest first, as many as asked', async () => {
    expect((await latestPublicStories(NOW, 3)).map((s) => s.slug)).toEqual(['sched-past', 'pub-old', 'm2']);
  });
});

describe('scopes and totals', () => {
  it.each([
    { name: 'a section', scope: { section: 'markets' }, slugs: ['m2', 'm1'] },
    { name: 'a tag (once per story, whatever its other tags)', scope: { tag: 'china' }, slugs: ['m2', 'm1', 'b-china'] },
    { name: 'another tag', scope: { tag: 'steel' }, slugs: ['m2'] },
    { name: 'an author (once per story, however many authors it has)', scope: { author: 'ana' }, slugs: ['m2', 'm1'] },
    { name: 'another author', scope: { author: 'ben' }, slugs: ['m2', 'b-china'] },
    { name: 'a section and a tag together', scope: { section: 'business', tag: 'china' }, slugs: ['b-china'] },
    { name: 'a tag nobody uses', scope: { tag: 'nothing' }, slugs: [] },
    { name: 'a section that does not exist', scope: { section: 'nowhere' }, slugs: [] },
  ])('lists $name, with its total', async ({ scope, slugs }) => {
    const list = await listPublicStories(scope, NOW, 1);
    expect({ slugs: slugsOf(list), total: list.total }).toEqual({ slugs, total: slugs.length });
  });

  it('counts every public story of the scope, not only the page', async () => {
    const page = await listPublicStories({ tag: 'china' }, NOW, 1, 1);
    expect({ slugs: slugsOf(page), total: page.total }).toEqual({ slugs: ['m2'], total: 3 });
  });

  it('gives a page past the end no items and the true total', async () => {
    expect(await listPublicStories({ section: 'markets' }, NOW, 5, 2)).toEqual({ items: [], total: 2 });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses page %s with a clear message', async (page) => {
    await expect(listPublicStories({}, NOW, page)).rejects.toThrow(/page must be a whole number/);
  });
});

describe('the stories it gives', () => {
  it('carry the row as a Story: id, status, byline and tags in order, locked-part flags', async () => {
    const [m2] = (await listPublicStories({ section: 'markets' }, NOW, 1)).items;
    expect(m2).toMatchObject({ slug: 'm2', section: 'markets', status: 'published', draft: false, authors: ['ana', 'ben'], tags: ['china', 'steel'], publicWords: 3 });
    expect(m2?.id).toEqual(expect.any(Number));
    expect(m2?.lockedParts).toEqual({ keyInsights: false, executiveActions: false });
    expect(m2?.publishedAt).toEqual(ago(4 * DAY));
  });

  it('carry no body, source or search document (lists stay small)', async () => {
    const [story] = (await listPublicStories({ section: 'markets' }, NOW, 1)).items;
    for (const key of ['publicHtml', 'publicText', 'source', 'searchDocument']) expect(story).not.toHaveProperty(key);
  });
});
