// The story store's reads kept in memory until content changes (a section's count, "More in
// <Section>"; src/server/content/story-lists.ts; a search's total, search-service.ts) follow every save and take-down made through
// the ingest, which announces them: a kept answer never outlives the change it missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStoryBySlug, listPublicStories, relatedStoriesFor } from '../../src/server/content/stories.ts';
import { saveStory } from '../../src/server/content/ingest-story.ts';
import { unpublishStory } from '../../src/server/content/ingest-unpublish.ts';
import { search } from '../../src/server/search/search-service.ts';
import type { Story } from '../../src/lib/content/story.ts';
import { DATABASE_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, freshDatabaseWithPeople, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';
import { useForStore } from './story-store-seed.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;

beforeAll(async () => {
  folder = contentFolder('kept-reads');
  t = await freshDatabaseWithPeople(folder, NOW);
  useForStore(t);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  folder?.dispose();
});

async function save(slug: string, publishedAt: string): Promise<void> {
  const result = await saveStory(t.db, { sourcePath: `articles/${slug}.mdx`, source: storyFile({ title: `Story ${slug}`, publishedAt }), savedBy: 'test', now: NOW });
  expect(result.ok).toBe(true);
}

const businessTotal = async () => (await listPublicStories({ section: 'business' }, NOW, 1)).total;
/** One story a page, so that the page is full and the total is the kept count. */
const searchTotal = async () => (await search('story', NOW, 1, 1)).total;
const relatedToFirst = async () => (await relatedStoriesFor((await findStoryBySlug('first')) as Story, NOW)).map((s) => s.slug);

describe('kept reads after a save or a take-down', () => {
  it('count and related stories include a story saved after they were read', async () => {
    await save('first', '2026-03-01T07:00:00Z');
    await save('second', '2026-03-02T07:00:00Z');
    expect(await businessTotal()).toBe(2);
    expect(await relatedToFirst()).toEqual(['second']);
    expect(await searchTotal()).toBe(2);
    await save('third', '2026-03-03T07:00:00Z');
    expect(await businessTotal()).toBe(3);
    expect(await relatedToFirst()).toEqual(['third', 'second']);
    expect(await searchTotal()).toBe(3);
  });

  it('count and related stories leave out a story taken down after they were read', async () => {
    expect(await businessTotal()).toBe(3);
    expect(await unpublishStory(t.db, { slug: 'third', now: NOW })).toMatchObject({ unpublished: true });
    expect(await businessTotal()).toBe(2);
    expect(await relatedToFirst()).toEqual(['second']);
    expect(await searchTotal()).toBe(2);
  });
});
