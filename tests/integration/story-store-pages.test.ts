// What single pages ask the store (src/server/content/story-reads.ts, story-lists.ts): one
// story in any status, "More in <Section>", the front page and the desk's lists; on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontPage } from '../../src/lib/content/front-page.ts';
import { relatedStories } from '../../src/lib/content/related-stories.ts';
import type { Story } from '../../src/lib/content/story.ts';
import {
  findStoryAt,
  findStoryBySlug,
  frontPageStories,
  listPublicStories,
  relatedStoriesFor,
  storiesBySlugs,
  storiesForDesk,
} from '../../src/server/content/stories.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, HOUR, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedSections, seedStories, seedTags, useForStore, type StorySeed } from './story-store-seed.ts';

const NOW = new Date('2026-08-01T12:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 6, n, 8));
const slugs = (list: readonly Pick<Story, 'slug'>[]) => list.map((s) => s.slug);
const ALL_TAGS = ['batteries', 'china', 'europe'];

const related: StorySeed[] = [
  { slug: 'the-story', section: 'autos', tags: ALL_TAGS, publishedAt: day(20) },
  { slug: 'same-no-tags', section: 'autos', publishedAt: day(1) },
  { slug: 'other-all-tags', section: 'markets', tags: ALL_TAGS, publishedAt: day(19) },
  { slug: 'three-tags-old', section: 'autos', tags: ['europe', 'batteries', 'china'], publishedAt: day(2) },
  { slug: 'two-tags', section: 'autos', tags: ['batteries', 'europe', 'steel'], publishedAt: day(10) },
  { slug: 'one-tag-new', section: 'autos', tags: ['china'], publishedAt: day(19) },
  { slug: 'draft-all', section: 'autos', tags: ALL_TAGS, status: 'draft', publishedAt: day(3) },
  { slug: 'future-all', section: 'autos', tags: ALL_TAGS, status: 'scheduled', publishedAt: new Date(NOW.getTime() + DAY) },
  { slug: 'gone-all', section: 'autos', tags: ALL_TAGS, status: 'unpublished', publishedAt: day(4) },
];
// Untagged stories of other sections, for the front page and the tail of "More in".
const others: StorySeed[] = Array.from({ length: 14 }, (_, i) => ({
  slug: `b${i}`,
  section: i % 3 === 0 ? 'markets' : 'business',
  publishedAt: new Date(day(21).getTime() + i * HOUR),
}));

let t: TestDatabase;
let publicNow: Story[];
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [
    { id: 'business', position: 1 },
    { id: 'markets', position: 2 },
    { id: 'autos', position: 3 },
  ]);
  await seedTags(t.db, [...ALL_TAGS, 'steel']);
  await seedStories(t.db, [...related, ...others]);
  await seedStories(t.db, [{ slug: 'soon', section: 'business', status: 'published', publishedAt: new Date(NOW.getTime() + HOUR) }]);
  publicNow = (await listPublicStories({}, NOW, 1, 1000)).items;
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('one story', () => {
  it('is found at its section and slug in any status, with its public HTML', async () => {
    for (const [slug, status] of [['the-story', 'published'], ['draft-all', 'draft'], ['future-all', 'scheduled'], ['gone-all', 'unpublished']] as const) {
      const found = await findStoryAt('autos', slug);
      expect(found).toMatchObject({ slug, status, section: 'autos', publicHtml: `<p>Body of ${slug}</p>` });
    }
  });

  it('is not found under another section', async () => {
    expect(await findStoryAt('markets', 'the-story')).toBeUndefined();
    expect(await findStoryAt('autos', 'no-such-story')).toBeUndefined();
  });

  it('is found by slug alone in any status, without its body', async () => {
    const found = await findStoryBySlug('draft-all');
    expect(found).toMatchObject({ slug: 'draft-all', status: 'draft', draft: true });
    expect(found).not.toHaveProperty('publicHtml');
    expect(await findStoryBySlug('no-such-story')).toBeUndefined();
  });

  it('several are found by slug in the order asked, unknown slugs left out', async () => {
    expect(slugs(await storiesBySlugs(['two-tags', 'nope', 'gone-all', 'the-story']))).toEqual(['two-tags', 'gone-all', 'the-story']);
    expect(await storiesBySlugs([])).toEqual([]);
  });
});

describe('"More in <Section>"', () => {
  const theStory = async () => (await findStoryBySlug('the-story')) as Story;

  it('puts the same section first, then most shared tags, then the newest; no draft, scheduled or unpublished story, nor the story itself', async () => {
    expect(slugs(await relatedStoriesFor(await theStory(), NOW))).toEqual(['three-tags-old', 'two-tags', 'one-tag-new']);
    expect(slugs(await relatedStoriesFor(await theStory(), NOW, 5))).toEqual(['three-tags-old', 'two-tags', 'one-tag-new', 'same-no-tags', 'other-all-tags']);
  });

  it.each([1, 2, 3, 6, 8, 12, 30])('gives what the pure rule gives over every public story (limit %i)', async (limit) => {
    const story = await theStory();
    expect(slugs(await relatedStoriesFor(story, NOW, limit))).toEqual(slugs(relatedStories(story, publicNow, NOW, limit)));
  });

  it('fills with the newest stories when a story has no tags', async () => {
    const story = (await findStoryBySlug('b4')) as Story;
    expect(slugs(await relatedStoriesFor(story, NOW, 4))).toEqual(slugs(relatedStories(story, publicNow, NOW, 4)));
  });

  it('gives nothing for a limit of 0', async () => {
    expect(await relatedStoriesFor(await theStory(), NOW, 0)).toEqual([]);
  });
});

describe('the front page', () => {
  const order = ['business', 'markets', 'autos', 'empty'];

  it('has the shape of src/lib/content/front-page.ts over every public story', async () => {
    expect(await frontPageStories(NOW, order)).toEqual(frontPage(publicNow, order));
    expect(await frontPageStories(NOW, order, 2)).toEqual(frontPage(publicNow, order, 2));
  });

  it('leads with the newest, three beside it, then each section without them', async () => {
    const page = await frontPageStories(NOW, order);
    expect(page.lead?.slug).toBe('b13');
    expect(slugs(page.secondary)).toEqual(['b12', 'b11', 'b10']);
    expect(page.bySection.map((s) => [s.section, slugs(s.stories)])).toEqual([
      ['business', ['b8', 'b7', 'b5', 'b4']],
      ['markets', ['b9', 'b6', 'b3', 'b0']],
      ['autos', ['the-story', 'one-tag-new', 'two-tags', 'three-tags-old']],
      ['empty', []],
    ]);
  });

  it('is empty before anything is out', async () => {
    expect(await frontPageStories(new Date('2020-01-01T00:00:00Z'), ['business'])).toEqual({ lead: undefined, secondary: [], bySection: [{ section: 'business', stories: [] }] });
  });
});

describe('statuses', () => {
  it('lists for the desk: drafts, scheduled soonest first, newest out, taken down', async () => {
    const desk = await storiesForDesk(NOW, 3);
    expect({ drafts: slugs(desk.drafts), scheduled: slugs(desk.scheduled), recent: slugs(desk.recent), unpublished: slugs(desk.unpublished) }).toEqual({
      drafts: ['draft-all'],
      scheduled: ['soon', 'future-all'],
      recent: ['b13', 'b12', 'b11'],
      unpublished: ['gone-all'],
    });
  });
});
