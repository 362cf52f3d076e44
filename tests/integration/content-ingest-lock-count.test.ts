// How many locks a save holds (src/server/content/ingest-story-write.ts). A writer of a few
// stories locks each slug, under a shared lock over all stories; a big batch, or a whole folder
// written in one transaction (content:sync's all-or-nothing run), holds the one lock over all
// stories instead, whatever its size: a lock per slug for a 200,000-story folder overflowed the
// database's lock table and the sync failed.
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { compileContextOf, prepareStory } from '../../src/server/content/ingest-story.ts';
import { writeStories, type PreparedStory, type WriteOptions } from '../../src/server/content/ingest-story-write.ts';
import { DATABASE_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, freshDatabaseWithPeople, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;

beforeEach(async () => {
  folder = contentFolder('lock-count');
  t = await freshDatabaseWithPeople(folder, NOW);
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(async () => {
  await t?.close();
  folder?.dispose();
});

async function prepared(db: Db, count: number): Promise<PreparedStory[]> {
  const context = await compileContextOf(db);
  const list: PreparedStory[] = [];
  for (let i = 0; i < count; i++) {
    const result = await prepareStory({ sourcePath: `articles/story-${i}.mdx`, source: storyFile({ title: `Story ${i}` }), savedBy: 'test', now: NOW }, context);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    list.push(result.prepared);
  }
  return list;
}

/** Advisory locks this transaction holds after writing `count` new stories in one batch. */
async function locksHeldAfterWriting(count: number, options: WriteOptions = {}): Promise<number> {
  const batch = await prepared(t.db, count);
  return t.db.transaction(async (tx) => {
    const { written } = await writeStories(tx, batch, options);
    expect(written).toHaveLength(count);
    const rows = await tx.execute<{ n: number | string }>(sql`select count(*) as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`);
    const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number | string }[] }).rows;
    return Number(list[0]?.n);
  });
}

describe('locks held by a save', () => {
  it('a few stories: one per slug, and the shared lock over all stories', async () => {
    expect(await locksHeldAfterWriting(3)).toBe(4);
  });

  it('a big batch: only the lock over all stories', async () => {
    expect(await locksHeldAfterWriting(70)).toBe(1);
  }, 60_000);

  it('a whole folder in one transaction: only the lock over all stories, however few in the batch', async () => {
    expect(await locksHeldAfterWriting(3, { lockAllStories: true })).toBe(1);
  });
});
