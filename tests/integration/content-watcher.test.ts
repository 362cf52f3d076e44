// The content folder watched while the server runs (src/server/content/content-watcher.ts): a
// new file is in the database within 2 s, a broken save keeps the version readers see and logs
// file:line, a removed file is unpublished, and an editor's save in steps (delete then write,
// temp file then rename, truncate then write) never takes the story down or logs a problem.
import { openSync, renameSync, writeSync, closeSync, rmSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stories } from '../../db/schema/index.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { watchContentFolder, type ContentWatcher } from '../../src/server/content/content-watcher.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;
let watcher: ContentWatcher;
const log: string[] = [];

beforeAll(async () => {
  folder = contentFolder('watch');
  t = await freshDatabase();
  await syncContentFolder(t.db, folder.root, { now: NOW, log: () => {}, mode: 'per-file' });
  watcher = watchContentFolder(t.db, folder.root, { now: () => NOW, log: (line) => log.push(line), debounceMs: 150 });
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await watcher?.stop();
  await t?.close();
  folder?.dispose();
});

const storyOf = async (slug: string) => (await t.db.select({ title: stories.title, status: stories.status }).from(stories).where(eq(stories.slug, slug)))[0];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; returns the milliseconds it took (fails after `withinMs`). */
async function within(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await sleep(25);
  }
  return Date.now() - started;
}

describe('the content watcher', () => {
  it('takes a new file in within 2 s', async () => {
    folder.write('articles/fresh-off-the-desk.mdx', storyFile({ title: 'Fresh off the desk' }));
    await within(2000, async () => (await storyOf('fresh-off-the-desk'))?.title === 'Fresh off the desk');
    expect(await storyOf('fresh-off-the-desk')).toEqual({ title: 'Fresh off the desk', status: 'published' });
  });

  it('keeps the saved version when a save is broken, and logs file:line', async () => {
    folder.write('articles/fresh-off-the-desk.mdx', storyFile({ title: 'A broken save', section: 'nowhere' }));
    await within(2000, async () => log.some((line) => line.startsWith('articles/fresh-off-the-desk.mdx:5: ')));
    expect(log.find((line) => line.startsWith('articles/fresh-off-the-desk.mdx:5: '))).toContain('nowhere');
    expect(await storyOf('fresh-off-the-desk')).toEqual({ title: 'Fresh off the desk', status: 'published' });
  });

  it('unpublishes a removed file', async () => {
    folder.write('articles/to-be-removed.mdx', storyFile({ title: 'To be removed' }));
    await within(2000, async () => (await storyOf('to-be-removed'))?.status === 'published');
    folder.remove('articles/to-be-removed.mdx');
    await within(3000, async () => (await storyOf('to-be-removed'))?.status === 'unpublished');
  });

  it('does not take a story down or report it while an editor saves in steps', async () => {
    const file = folder.write('articles/saved-in-steps.mdx', storyFile({ title: 'Step zero' }));
    await within(2000, async () => (await storyOf('saved-in-steps'))?.title === 'Step zero');
    log.length = 0;
    // Delete, then write again a moment later.
    rmSync(file);
    await sleep(40);
    folder.write('articles/saved-in-steps.mdx', storyFile({ title: 'Step one' }));
    await within(2000, async () => (await storyOf('saved-in-steps'))?.title === 'Step one');
    // A temporary file renamed over the story.
    folder.write('articles/.saved-in-steps.mdx.tmp', storyFile({ title: 'Step two' }));
    renameSync(path.join(folder.root, 'articles/.saved-in-steps.mdx.tmp'), file);
    await within(2000, async () => (await storyOf('saved-in-steps'))?.title === 'Step two');
    // Truncated, then written well after the debounce.
    const fd = openSync(file, 'w');
    await sleep(500);
    writeSync(fd, storyFile({ title: 'Step three' }));
    closeSync(fd);
    await within(3000, async () => (await storyOf('saved-in-steps'))?.title === 'Step three');
    await sleep(400);
    expect(log.filter((line) => line.includes('saved-in-steps') && !line.startsWith('saved '))).toEqual([]);
    expect((await storyOf('saved-in-steps'))?.status).toBe('published');
  });

  it('takes in a story that named a missing section once the section file arrives', async () => {
    folder.write('articles/energy-first.mdx', storyFile({ title: 'Energy first', section: 'energy' }));
    await within(2000, async () => log.some((line) => line.startsWith('articles/energy-first.mdx:5: ')));
    expect(await storyOf('energy-first')).toBeUndefined();
    folder.write('sections/energy.yaml', 'name: Energy\ndescription: Power, fuel and the grid.\norder: 6\n');
    await within(2000, async () => (await storyOf('energy-first'))?.status === 'published');
  });
});
