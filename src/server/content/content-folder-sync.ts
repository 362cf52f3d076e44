// Brings the database in line with the content folder: sections and authors first, then every
// article, a few hundred at a time (content-folder-articles.ts), then the stories whose file is
// gone are unpublished and removed section/author files reported.
//   all-or-nothing (npm run content:sync): one transaction; any problem → nothing is written.
//   per-file (server start, watcher): bad files are reported and keep their saved version.
import { existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/client.ts';
import { announceContentChange } from './content-changes.ts';
import { articleFileBatches, listContentFiles, listSectionAndAuthorFiles } from './content-files.ts';
import { formatFileProblems, recordContentProblems, type FileProblems } from './content-problems.ts';
import { syncPeople, removeGonePeople } from './content-folder-sync-people.ts';
import { syncArticleBatches } from './content-folder-articles.ts';
import { countArticleStories, forgetProblemsOfGoneFiles, goneArticlePaths } from './content-folder-queries.ts';
import { slugFromPath } from './ingest-story.ts';
import { unpublishStoriesAt } from './ingest-unpublish.ts';

export type SyncMode = 'all-or-nothing' | 'per-file';

export interface SyncOptions {
  now: Date;
  log: (line: string) => void;
  mode: SyncMode;
  publicDir?: string | undefined;
  /** Articles compared and written per batch. */
  batchSize?: number | undefined;
  /** Threads that compile stories while the main thread writes (compile-pool.ts); default 0, in-process. */
  compileThreads?: number | undefined;
}

export interface SyncCounts {
  saved: number;
  unchanged: number;
  unpublished: number;
  failed: number;
}

export interface SyncResult {
  ok: boolean;
  counts: SyncCounts;
  /** Every file that could not be taken in, with its problems. */
  problems: FileProblems[];
}

class RollBack extends Error {}

/** Whether a file is there, asked of libuv's threads (many at once while a server answers). */
const fileThere = (root: string, relative: string): Promise<boolean> => access(path.join(root, relative)).then(
  () => true,
  () => false,
);

/** The state of one run, shared by the steps. */
export interface SyncRun {
  db: Db;
  root: string;
  options: SyncOptions;
  counts: SyncCounts;
  problems: FileProblems[];
  keys: Set<string>;
}

/** A file could not be taken in: remembered, logged, and (per file) recorded for the desk. */
export async function reportProblems(run: SyncRun, files: FileProblems[]): Promise<void> {
  if (files.length === 0) return;
  run.counts.failed += files.length;
  run.problems.push(...files);
  for (const file of files) for (const line of formatFileProblems(file)) run.options.log(line);
  if (run.options.mode === 'per-file') await recordContentProblems(run.db, files, run.options.now);
}

/** Beyond this many keys (a first import of a large archive names hundreds of thousands), '*': everything (content-changes.ts). */
const MOST_KEYS_NAMED = 2000;

/** Announces the keys gathered so far and forgets them. Per file: after each commit; all or nothing: once, after the one commit. */
export async function announceGathered(keys: Set<string>): Promise<void> {
  if (keys.size === 0) return;
  const all = keys.size > MOST_KEYS_NAMED ? ['*'] : [...keys];
  keys.clear();
  await announceContentChange(all);
}

/** Writing stops at the first problem of an all-or-nothing run (the rest is only checked). */
export const writing = (run: SyncRun) => run.options.mode === 'per-file' || run.problems.length === 0;

/** A list as batches of `size`. */
async function* batchesOf(list: readonly string[], size: number): AsyncGenerator<string[]> {
  for (let start = 0; start < list.length; start += size) yield list.slice(start, start + size);
}

/**
 * All or nothing (content:sync, a process of its own): the whole folder listed and sorted, so
 * two files with one name anywhere under articles/ are both named, the first in path order
 * keeping the slug; a story whose file is not in the list is taken down.
 */
async function syncListedFolder(run: SyncRun): Promise<void> {
  const files = await listContentFiles(run.root);
  await syncPeople(run, files);
  const batchSize = run.options.batchSize ?? 250;
  const inFolder = new Set(files.articles);
  const firstWithSlug = new Map<string, string>();
  const duplicates: FileProblems[] = [];
  for (const file of files.articles) {
    const first = firstWithSlug.get(slugFromPath(file));
    if (first) duplicates.push({ sourcePath: file, problems: [{ line: 1, message: `slug ${slugFromPath(file)} is already used by ${first}` }] });
    else firstWithSlug.set(slugFromPath(file), file);
  }
  await reportProblems(run, duplicates);
  const duplicated = new Set(duplicates.map((d) => d.sourcePath));
  await syncArticleBatches(run, batchesOf(files.articles.filter((file) => !duplicated.has(file)), batchSize), (p) => inFolder.has(p));
  if (!writing(run)) return;
  await takeDownGone(run, goneArticlePaths(run.db, (p) => inFolder.has(p), batchSize * 4));
  await forgetProblemsOfGoneFiles(run.db, (p) => inFolder.has(p) || files.sections.includes(p) || files.authors.includes(p));
  await removeGonePeople(run, files);
}

/**
 * File by file (the server at start, the watcher after a folder moved): the articles are read a
 * batch at a time as the folder is walked, never listed whole (content-files.ts), so the
 * server's memory does not grow with the archive (a file in a subfolder is refused by the
 * compiler, so no two files claim one slug; one a desk story holds stays with it). Stories whose
 * file is gone are looked for only when the stories taken from articles/ are more than the
 * walked files that have one: a start with nothing removed walks nothing more.
 */
async function syncWalkedFolder(run: SyncRun): Promise<void> {
  const people = await listSectionAndAuthorFiles(run.root);
  await syncPeople(run, people);
  const batchSize = run.options.batchSize ?? 250;
  const onDisk = (p: string) => existsSync(path.join(run.root, p));
  const { withStory } = await syncArticleBatches(run, articleFileBatches(run.root, batchSize), onDisk);
  if ((await countArticleStories(run.db)) !== withStory) {
    await takeDownGone(run, goneArticlePaths(run.db, (p) => fileThere(run.root, p), batchSize * 4));
  }
  await forgetProblemsOfGoneFiles(run.db, onDisk);
  await removeGonePeople(run, people);
}

/** Takes down the stories of the paths `gone` yields. */
async function takeDownGone(run: SyncRun, gone: AsyncIterable<string[]>): Promise<void> {
  for await (const paths of gone) {
    const { slugs, keys } = await unpublishStoriesAt(run.db, paths, run.options.now);
    run.counts.unpublished += slugs.length;
    for (const key of keys) run.keys.add(key);
    for (const slug of slugs) run.options.log(`unpublished ${slug} (its file is gone)`);
  }
}

export async function syncContentFolder(db: Db, root: string, options: SyncOptions): Promise<SyncResult> {
  const counts: SyncCounts = { saved: 0, unchanged: 0, unpublished: 0, failed: 0 };
  const problems: FileProblems[] = [];
  const keys = new Set<string>();
  if (options.mode === 'per-file') {
    await syncWalkedFolder({ db, root, options, counts, problems, keys });
  } else {
    try {
      await db.transaction(async (tx) => {
        await syncListedFolder({ db: tx, root, options, counts, problems, keys });
        if (problems.length > 0) throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
      // Nothing was written: say so in the counts too.
      return { ok: false, counts: { ...counts, saved: 0, unpublished: 0 }, problems };
    }
  }
  await announceGathered(keys);
  return { ok: problems.length === 0, counts, problems };
}
