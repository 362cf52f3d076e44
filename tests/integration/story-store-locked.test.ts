// The locked parts come out of the store only through lockedPartsOf
// (src/server/content/locked-parts.ts): no other store function's answer carries their text,
// and no other file in src/ selects from story_locked_parts. See docs/design-rules.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Story } from '../../src/lib/content/story.ts';
import { lockedPartsOf } from '../../src/server/content/locked-parts.ts';
import * as store from '../../src/server/content/stories.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedAuthors, seedSections, seedStories, seedTags, useForStore } from './story-store-seed.ts';

const NOW = new Date('2026-08-01T12:00:00Z');
const KEY = 'CANARY-KEY-INSIGHT-7f3a';
const ACTIONS = 'CANARY-EXEC-ACTION-91bc';

let t: TestDatabase;
let ids: Map<string, number>;
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [{ id: 'business', position: 1 }]);
  await seedAuthors(t.db, [{ id: 'ana', name: 'Ana Ruiz' }]);
  await seedTags(t.db, ['china']);
  ids = await seedStories(t.db, [
    {
      slug: 'paid',
      section: 'business',
      tags: ['china'],
      authors: ['ana'],
      publishedAt: new Date('2026-07-30T00:00:00Z'),
      publicHtml: '<p>Free part.</p><!--masthead:locked:key-insights--><p>More free.</p><!--masthead:locked:executive-actions-->',
      locked: { 'key-insights': `<ul><li>${KEY}</li></ul>`, 'executive-actions': `<ol><li>${ACTIONS}</li></ol>` },
    },
    { slug: 'free', section: 'business', tags: ['china'], authors: ['ana'], publishedAt: new Date('2026-07-29T00:00:00Z') },
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('lockedPartsOf', () => {
  it("gives each locked part's HTML for the story", async () => {
    const parts = await lockedPartsOf(ids.get('paid') ?? 0);
    expect(Object.fromEntries(parts)).toEqual({ 'key-insights': `<ul><li>${KEY}</li></ul>`, 'executive-actions': `<ol><li>${ACTIONS}</li></ol>` });
  });

  it('gives nothing for a story without locked parts, or no story', async () => {
    expect((await lockedPartsOf(ids.get('free') ?? 0)).size).toBe(0);
    expect((await lockedPartsOf(987_654)).size).toBe(0);
  });
});

describe('every other store function', () => {
  it('answers without a word of a locked part, only the markers and the flags', async () => {
    const paid = (await store.findStoryBySlug('paid')) as Story;
    const answers = await Promise.all([
      store.findStoryAt('business', 'paid'),
      store.findStoryBySlug('paid'),
      store.storiesBySlugs(['paid']),
      store.listPublicStories({}, NOW, 1),
      store.listPublicStories({ tag: 'china' }, NOW, 1),
      store.listPublicStories({ author: 'ana' }, NOW, 1),
      store.listPublicStories({ section: 'business' }, NOW, 1),
      store.latestPublicStories(NOW, 10),
      store.frontPageStories(NOW, ['business']),
      store.relatedStoriesFor({ ...paid, slug: 'elsewhere', id: -1 }, NOW),
      store.storiesForDesk(NOW, 10),
    ]);
    const text = JSON.stringify(answers);
    expect(text).toContain('masthead:locked:key-insights');
    expect(text).toContain('"keyInsights":true');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(ACTIONS);
  });
});

describe('the source', () => {
  const srcRoot = path.resolve(import.meta.dirname, '../../src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.(ts|astro|mts)$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const readsLockedParts = /\.from\(\s*storyLockedParts\b|query\.storyLockedParts\b|(?<!delete\s+)\bfrom\s+"?story_locked_parts\b|\bjoin\s+"?story_locked_parts\b|Join\(\s*storyLockedParts\b/i;

  /** The code of a file without its comments (which may name the table, saying they do not read it). */
  const code = (file: string) =>
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');

  it('reads story_locked_parts in src/server/content/locked-parts.ts and nowhere else', () => {
    const readers = files(srcRoot)
      .filter((file) => readsLockedParts.test(code(file)))
      .map((file) => path.relative(srcRoot, file));
    expect(readers).toEqual([path.join('server', 'content', 'locked-parts.ts')]);
  });
});
