// "More in <Section>" at a bounded cost (src/server/content/story-lists.ts, relatedStoriesFor):
// stories sharing a tag are looked for only among each tag's RELATED_CANDIDATES_PER_TAG most
// recently filed (highest ids), whatever the archive's size; a same-section story sharing a
// tag but filed before that many others with the tag is ranked as if it shared none. On PGlite
// and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../src/lib/content/story.ts';
import { findStoryBySlug, relatedStoriesFor } from '../../src/server/content/stories.ts';
import { RELATED_CANDIDATES_PER_TAG } from '../../src/server/content/story-lists.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedSections, seedStories, seedTags, useForStore } from './story-store-seed.ts';

const NOW = new Date('2026-08-01T12:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 6, n, 8));
const slugs = (list: readonly Pick<Story, 'slug'>[]) => list.map((s) => s.slug);

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [
    { id: 'autos', position: 1 },
    { id: 'markets', position: 2 },
  ]);
  await seedTags(t.db, ['busy', 'quiet']);
  // Filed first: an autos story sharing "busy", then a full bound of markets stories with "busy".
  await seedStories(t.db, [{ slug: 'early-busy', section: 'autos', tags: ['busy'], publishedAt: day(5) }]);
  await seedStories(
    t.db,
    Array.from({ length: RELATED_CANDIDATES_PER_TAG }, (_, i) => ({ slug: `m${i}`, section: 'markets', tags: ['busy'], publishedAt: day(1) })),
  );
  await seedStories(t.db, [
    { slug: 'early-quiet', section: 'autos', tags: ['quiet'], publishedAt: day(4) },
    { slug: 'a1', section: 'autos', publishedAt: day(10) },
    { slug: 'a2', section: 'autos', publishedAt: day(11) },
    { slug: 'a3', section: 'autos', publishedAt: day(12) },
    { slug: 'the-story', section: 'autos', tags: ['busy', 'quiet'], publishedAt: day(20) },
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('"More in <Section>" looks only among each tag\'s most recently filed stories', () => {
  const theStory = async () => (await findStoryBySlug('the-story')) as Story;

  it('finds a same-section story through a tag few stories carry, and not through a tag filed on many since', async () => {
    // early-quiet shares "quiet" (within the bound); early-busy's "busy" has RELATED_CANDIDATES_PER_TAG newer filings.
    expect(slugs(await relatedStoriesFor(await theStory(), NOW, 3))).toEqual(['early-quiet', 'a3', 'a2']);
    // Over every public story, the rule would put early-busy first:
    // ['early-busy', 'early-quiet', 'a3'].
  });

  it('finds it again once it is among the most recently filed with the tag', async () => {
    await seedStories(t.db, [{ slug: 'late-busy', section: 'autos', tags: ['busy'], publishedAt: day(2) }]);
    expect(slugs(await relatedStoriesFor(await theStory(), NOW, 3))).toEqual(['early-quiet', 'late-busy', 'a3']);
  });
});
