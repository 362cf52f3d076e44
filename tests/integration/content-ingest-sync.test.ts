// The content folder taken in as a whole (src/server/content/content-folder-sync.ts): per file
// (server start, watcher) a bad file is reported and the rest saved; all or nothing
// (npm run content:sync) one bad file means nothing is written. Unchanged files write nothing,
// removed ones are unpublished, files starting with _ are ignored. PGlite and PostgreSQL.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblems, sections, stories, storyRevisions } from '../../db/schema/index.ts';
import { onContentChange } from '../../src/server/content/content-changes.ts';
import { compileStory } from '../../src/lib/content/compile-story.ts';
import { startCompilePool } from '../../src/server/content/compile-pool.ts';
import { syncContentFolder, type SyncMode } from '../../src/server/content/content-folder-sync.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;

beforeAll(async () => {
  folder = contentFolder('sync');
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  folder?.dispose();
});

async function sync(mode: SyncMode) {
  const lines: string[] = [];
  const announced: string[] = [];
  const off = onContentChange((keys) => announced.push(...keys));
  try {
    const result = await syncContentFolder(t.db, folder.root, { now: NOW, log: (line) => lines.push(line), mode, batchSize: 2 });
    return { ...result, lines, announced };
  } finally {
    off();
  }
}
const titleOf = async (slug: string) => (await t.db.select({ title: stories.title, status: stories.status }).from(stories).where(eq(stories.slug, slug)))[0];
const storyCount = async () => (await t.db.select({ n: count() }).from(stories))[0]?.n;
const revisionCount = async () => (await t.db.select({ n: count() }).from(storyRevisions))[0]?.n;
const BAD_SECTION_LINE = 5;

describe('per file', () => {
  it('saves the good files, sections and authors first, and reports a bad one with its lines', async () => {
    for (const slug of ['one', 'two', 'three', 'four', 'five']) folder.write(`articles/${slug}.mdx`, storyFile({ title: `Story ${slug}` }));
    folder.write('articles/_template.mdx', 'not a story at all');
    folder.write('articles/bad.mdx', storyFile({ section: 'nowhere' }));
    const result = await sync('per-file');
    expect(result.counts).toEqual({ saved: 5 + 10, unchanged: 0, unpublished: 0, failed: 1 });
    expect(result.ok).toBe(false);
    expect(result.lines.some((line) => line.startsWith(`articles/bad.mdx:${BAD_SECTION_LINE}: `) && line.includes('nowhere'))).toBe(true);
    expect(await storyCount()).toBe(5);
    expect(await t.db.select({ p: contentProblems.sourcePath }).from(contentProblems)).toEqual([{ p: 'articles/bad.mdx' }]);
    expect(await titleOf('template')).toBeUndefined();
  });

  it('writes nothing the second time: every file unchanged', async () => {
    const revisions = await revisionCount();
    const result = await sync('per-file');
    expect(result.counts).toEqual({ saved: 0, unchanged: 15, unpublished: 0, failed: 1 });
    expect(result.announced).toEqual([]);
    expect(await revisionCount()).toBe(revisions);
  });

  it('keeps the saved version of a file that turns bad, and saves it once fixed', async () => {
    folder.write('articles/two.mdx', storyFile({ title: 'Story two, changed', section: 'nowhere' }));
    expect((await sync('per-file')).counts).toMatchObject({ saved: 0, failed: 2 });
    expect(await titleOf('two')).toEqual({ title: 'Story two', status: 'published' });
    folder.write('articles/two.mdx', storyFile({ title: 'Story two' }));
    expect((await sync('per-file')).counts).toMatchObject({ saved: 0, failed: 1 });
    expect(await t.db.select({ p: contentProblems.sourcePath }).from(contentProblems)).toEqual([{ p: 'articles/bad.mdx' }]);
    folder.write('articles/two.mdx', storyFile({ title: 'Story two, fixed' }));
    folder.remove('articles/bad.mdx');
    expect((await sync('per-file')).counts).toMatchObject({ saved: 1, failed: 0 });
    expect(await titleOf('two')).toEqual({ title: 'Story two, fixed', status: 'published' });
    expect(await t.db.select().from(contentProblems)).toEqual([]);
  });

  it('unpublishes the story of a removed file and keeps its revisions', async () => {
    const revisions = await revisionCount();
    folder.remove('articles/three.mdx');
    const result = await sync('per-file');
    expect(result.counts).toMatchObject({ unpublished: 1, saved: 0 });
    expect(await titleOf('three')).toEqual({ title: 'Story three', status: 'unpublished' });
    expect(await revisionCount()).toBe(revisions);
    expect((await sync('per-file')).counts.unpublished).toBe(0);
  });

  it('reports a removed section file while stories (unpublished ones too) still name it, and keeps the section', async () => {
    folder.remove('sections/business.yaml');
    const result = await sync('per-file');
    expect(result.lines).toContain('sections/business.yaml:1: sections/business.yaml was removed, but 5 stories name section business: it stays until none does');
    expect(await t.db.select({ id: sections.id }).from(sections).where(eq(sections.id, 'business'))).toHaveLength(1);
    folder.write('sections/business.yaml', 'name: Business\ndescription: Companies, deals and the decisions that move them.\norder: 1\n');
  });

  it('takes down a removed file in the same run that takes in a new one (as many stories as before)', async () => {
    folder.remove('articles/four.mdx');
    folder.write('articles/eight.mdx', storyFile({ title: 'Story eight' }));
    const result = await sync('per-file');
    expect(result.counts).toMatchObject({ saved: 1, unpublished: 1, failed: 0 });
    expect(await titleOf('four')).toEqual({ title: 'Story four', status: 'unpublished' });
    expect(await titleOf('eight')).toEqual({ title: 'Story eight', status: 'published' });
    // As it was, for the tests below.
    folder.write('articles/four.mdx', storyFile({ title: 'Story four' }));
    folder.remove('articles/eight.mdx');
    expect((await sync('per-file')).counts).toMatchObject({ saved: 1, unpublished: 1, failed: 0 });
  });

  it('walks subfolders too: a story in one is reported, as content:sync reports it, and forgotten once moved out', async () => {
    folder.write('articles/2026/03/nine.mdx', storyFile({ title: 'Story nine' }));
    const result = await sync('per-file');
    expect(result.counts).toMatchObject({ saved: 0, failed: 1 });
    expect(result.lines.some((line) => line.startsWith('articles/2026/03/nine.mdx:1: ') && line.includes('subfolder'))).toBe(true);
    folder.remove('articles/2026/03/nine.mdx');
    folder.write('articles/nine.mdx', storyFile({ title: 'Story nine' }));
    expect((await sync('per-file')).counts).toMatchObject({ saved: 1, failed: 0 });
    expect(await t.db.select().from(contentProblems)).toEqual([]);
    folder.remove('articles/nine.mdx');
    expect((await sync('per-file')).counts).toMatchObject({ saved: 0, unpublished: 1, failed: 0 });
  });
});

describe('all or nothing', () => {
  it('writes nothing when one file is bad, and prints every problem', async () => {
    const before = { stories: await storyCount(), revisions: await revisionCount(), problems: await t.db.select().from(contentProblems) };
    folder.write('articles/one.mdx', storyFile({ title: 'Story one, changed' }));
    folder.write('articles/six.mdx', storyFile({ title: 'Story six' }));
    folder.write('articles/four.mdx', storyFile({ section: 'nowhere', authors: ['nobody'] }));
    folder.remove('articles/five.mdx');
    const result = await sync('all-or-nothing');
    expect(result.ok).toBe(false);
    expect(result.counts).toMatchObject({ saved: 0, unpublished: 0, failed: 1 });
    expect(result.announced).toEqual([]);
    expect(result.lines.filter((line) => line.startsWith('articles/four.mdx:'))).toHaveLength(2);
    expect({ stories: await storyCount(), revisions: await revisionCount(), problems: await t.db.select().from(contentProblems) }).toEqual(before);
    expect(await titleOf('one')).toEqual({ title: 'Story one', status: 'published' });
    expect(await titleOf('five')).toEqual({ title: 'Story five', status: 'published' });
  });

  it('writes everything once every file is good', async () => {
    folder.write('articles/four.mdx', storyFile({ title: 'Story four, fixed' }));
    const result = await sync('all-or-nothing');
    expect(result).toMatchObject({ ok: true, problems: [], counts: { saved: 3, unpublished: 1, failed: 0 } });
    expect(result.announced).toEqual(expect.arrayContaining(['front', 'story:one', 'story:four', 'story:six', 'story:five', 'section:business']));
    expect(await titleOf('one')).toEqual({ title: 'Story one, changed', status: 'published' });
    expect(await titleOf('six')).toEqual({ title: 'Story six', status: 'published' });
    expect(await titleOf('five')).toEqual({ title: 'Story five', status: 'unpublished' });
  });
});

describe('compile threads', () => {
  it('give what the compiler gives in-process, problems included', async () => {
    const pool = startCompilePool(2);
    try {
      const context = { sections: ['business'], authors: ['mei-lin-zhao'] };
      for (const source of [storyFile(), storyFile({ section: 'nowhere' })]) {
        expect(await pool.compile('articles/threaded.mdx', source, context)).toEqual(compileStory('articles/threaded.mdx', source, context));
      }
      expect(pool.usingThreads()).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('take a folder in as the main thread does', async () => {
    folder.write('articles/seven.mdx', storyFile({ title: 'Story seven' }));
    const result = await syncContentFolder(t.db, folder.root, { now: NOW, log: () => {}, mode: 'per-file', compileThreads: 1, batchSize: 2 });
    expect(result.counts).toMatchObject({ saved: 1, failed: 0 });
    expect(await titleOf('seven')).toEqual({ title: 'Story seven', status: 'published' });
  });
});
