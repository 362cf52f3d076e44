// Saving one story from several writers at once (src/server/content/ingest-story-write.ts): the
// server's watcher and `npm run content:sync`, two instances on one PostgreSQL, or two quick
// saves of one file. However the saves interleave there is one row per slug, one revision per
// distinct save and none for the same text again, and the row and its locked parts are all from
// one version. On PostgreSQL (TEST_DATABASE_URL) the writers use two connection pools, as two
// instances would; on PGlite (one connection) the saves still interleave between statements.
import { count, desc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { contentProblems, stories, storyAuthors, storyLockedParts, storyRevisions, storyTags } from '../../db/schema/index.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { saveStory, type SaveStoryResult } from '../../src/server/content/ingest-story.ts';
import { DATABASE_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, freshDatabaseWithPeople, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
const WRITERS = 10;
/** Ten compiles and saves (five rounds of two) on a machine busy with other test files. */
const SLOW_MS = 30_000;
let t: TestDatabase;
let folder: ContentFolder;
/** Two handles on one database, as two server instances have. */
let handles: [Db, Db];

beforeEach(async () => {
  folder = contentFolder('concurrent');
  t = await freshDatabaseWithPeople(folder, NOW);
  handles = [t.db, t.anotherHandle().db];
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(async () => {
  await t?.close();
  folder?.dispose();
});

const writer = (i: number): Db => handles[i % 2] as Db;
const save = (i: number, sourcePath: string, source: string): Promise<SaveStoryResult> => saveStory(writer(i), { sourcePath, source, savedBy: `writer-${i}`, now: NOW });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Version n of one story: every part it is stored as (title, free text, each locked part, tags) names n. */
function version(n: number): string {
  const tags = [`edition-${n}`, 'banks'];
  return storyFile({
    title: `Harbour Bank, edition ${n}`,
    body: `Edition ${n} of the free text.`,
    keyInsight: `Edition ${n} of the insight.`,
    executiveAction: `Edition ${n} of the action.`,
    // New tags in both orders: two writers inserting the same new tags must not deadlock.
    tags: n % 2 === 0 ? tags : tags.reverse(),
  });
}

/** The edition each stored part of the story names; one version means every entry is the same. */
async function editionsStored(slug: string) {
  const [row] = await t.db.select().from(stories).where(eq(stories.slug, slug));
  if (!row) throw new Error(`no story ${slug}`);
  const locked = await t.db.select().from(storyLockedParts).where(eq(storyLockedParts.storyId, row.id)).orderBy(storyLockedParts.part);
  const tagRows = await t.db.select({ tag: storyTags.tagId }).from(storyTags).where(eq(storyTags.storyId, row.id));
  const edition = (text: string | undefined) => text?.match(/[Ee]dition[ -](\d+)/)?.[1] ?? 'none';
  return {
    row,
    parts: {
      title: edition(row.title),
      html: edition(row.publicHtml),
      text: edition(row.publicText),
      source: edition(row.source),
      tagIds: edition(row.tagIds.join(' ')),
      storyTags: edition(tagRows.map((r) => r.tag).find((tag) => tag.startsWith('edition-'))),
      lockedParts: locked.map((l) => `${l.part}:${edition(l.html)}`).join(' '),
    },
  };
}

const storiesWithSlug = async (slug: string) => (await t.db.select({ n: count() }).from(stories).where(eq(stories.slug, slug)))[0]?.n;
const revisionsOf = (storyId: number) => t.db.select().from(storyRevisions).where(eq(storyRevisions.storyId, storyId)).orderBy(desc(storyRevisions.id));

describe('one story saved by several writers at once', () => {
  it('ten different versions: one row, ten revisions, and every stored part from the last revision', async () => {
    const results = await Promise.all(range(WRITERS).map((i) => save(i, 'articles/harbour.mdx', version(i))));
    expect(results.map((r) => r.ok && r.changed)).toEqual(range(WRITERS).map(() => true));
    expect(new Set(results.map((r) => r.ok && r.storyId)).size).toBe(1);
    expect(await storiesWithSlug('harbour')).toBe(1);

    const { row, parts } = await editionsStored('harbour');
    const revisions = await revisionsOf(row.id);
    expect(revisions.map((r) => r.savedBy).sort()).toEqual(range(WRITERS).map((i) => `writer-${i}`).sort());
    const last = revisions[0]?.source.match(/edition (\d+)/)?.[1];
    expect(row.source).toBe(revisions[0]?.source);
    expect(parts).toEqual({ title: last, html: last, text: last, source: last, tagIds: last, storyTags: last, lockedParts: `executive-actions:${last} key-insights:${last}` });
    expect(await t.db.select({ a: storyAuthors.authorId }).from(storyAuthors).where(eq(storyAuthors.storyId, row.id))).toEqual([{ a: 'mei-lin-zhao' }]);
  }, SLOW_MS);

  it('ten identical saves of a new story: one row, one revision, no error', async () => {
    const results = await Promise.all(range(WRITERS).map((i) => save(i, 'articles/harbour.mdx', version(7))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(await storiesWithSlug('harbour')).toBe(1);
    const { row, parts } = await editionsStored('harbour');
    expect(await revisionsOf(row.id)).toHaveLength(1);
    expect(Object.values(parts)).toEqual(['7', '7', '7', '7', '7', '7', 'executive-actions:7 key-insights:7']);
  });

  it('ten identical re-saves of the stored version write nothing', async () => {
    const first = await save(0, 'articles/harbour.mdx', version(3));
    const results = await Promise.all(range(WRITERS).map((i) => save(i, 'articles/harbour.mdx', version(3))));
    expect(results).toEqual(range(WRITERS).map(() => ({ ok: true, changed: false, storyId: first.ok && first.storyId, slug: 'harbour' })));
    expect(await revisionsOf(first.ok ? first.storyId : -1)).toHaveLength(1);
  });

  it('content:sync and the watcher taking in one new file at once: one row, one revision, no problem', async () => {
    const source = version(4);
    folder.write('articles/harbour.mdx', source);
    const [synced, watched] = await Promise.all([
      syncContentFolder(writer(1), folder.root, { now: NOW, log: () => {}, mode: 'all-or-nothing' }),
      save(0, 'articles/harbour.mdx', source),
    ]);
    expect(synced.problems).toEqual([]);
    expect(synced.counts.saved + synced.counts.unchanged).toBe(10 + 1);
    expect(watched.ok).toBe(true);
    const { row } = await editionsStored('harbour');
    expect(await revisionsOf(row.id)).toHaveLength(1);
    expect(await t.db.select().from(contentProblems)).toEqual([]);
  });
});

describe('two new stories claiming one slug at once', () => {
  it('a file and a desk story: one is taken in whole, the other refused with what holds the slug', async () => {
    for (const round of range(5)) {
      const slug = `twin-${round}`;
      const holders = [`articles/${slug}.mdx`, 'a story saved on the desk'];
      const results = await Promise.all([
        save(0, `articles/${slug}.mdx`, version(0)),
        saveStory(writer(1), { sourcePath: null, slug, source: version(1), savedBy: 'writer-1', now: NOW }),
      ]);
      const won = results.findIndex((r) => r.ok);
      expect(won, `round ${round}: one save is taken in`).toBeGreaterThanOrEqual(0);
      const lost = 1 - won;
      expect(results[lost], `round ${round}: the other is refused`).toEqual({ ok: false, problems: [{ line: 1, message: `slug ${slug} is already used by ${holders[won]}` }] });

      expect(await storiesWithSlug(slug)).toBe(1);
      const { row, parts } = await editionsStored(slug);
      expect(row.sourcePath).toBe(won === 0 ? `articles/${slug}.mdx` : null);
      expect(new Set(Object.values(parts))).toEqual(new Set([String(won), `executive-actions:${won} key-insights:${won}`]));
      expect((await revisionsOf(row.id)).map((r) => r.savedBy)).toEqual([`writer-${won}`]);
      // A refused file is on the desk's list of problems; a refused desk save is answered to the editor.
      const problems = await t.db.select({ path: contentProblems.sourcePath }).from(contentProblems);
      expect(problems).toEqual(won === 1 ? [{ path: `articles/${slug}.mdx` }] : []);
      await t.db.delete(contentProblems);
    }
  }, SLOW_MS);
});
