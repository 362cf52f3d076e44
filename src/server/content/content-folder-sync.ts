// Brings the database in line with the content folder: sections and authors first, then every
// article, a few hundred at a time (hashes compared in one query per batch, changed files
// compiled and written with a fixed number of statements per batch), then the stories whose
// file is gone are unpublished and removed section/author files reported.
//   all-or-nothing (npm run content:sync): one transaction; any problem → nothing is written.
//   per-file (server start, watcher): bad files are reported and keep their saved version.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/client.ts';
import { announceContentChange } from './content-changes.ts';
import { listContentFiles } from './content-files.ts';
import { clearContentProblems, formatFileProblems, recordContentProblems, type FileProblems } from './content-problems.ts';
import { syncPeople, removeGonePeople } from './content-folder-sync-people.ts';
import { forgetProblemsOfGoneFiles, goneArticlePaths, pathsWithProblems, storedHashes } from './content-folder-queries.ts';
import { startCompilePool } from './compile-pool.ts';
import { compileContextOf, prepareStory, slugFromPath, sourceHashOf } from './ingest-story.ts';
import { writeStories, type PreparedStory } from './ingest-story-write.ts';
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

function skipIfGone(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

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
async function announceGathered(keys: Set<string>): Promise<void> {
  if (keys.size === 0) return;
  const all = keys.size > MOST_KEYS_NAMED ? ['*'] : [...keys];
  keys.clear();
  await announceContentChange(all);
}

/** Writing stops at the first problem of an all-or-nothing run (the rest is only checked). */
const writing = (run: SyncRun) => run.options.mode === 'per-file' || run.problems.length === 0;

async function syncArticles(run: SyncRun, articles: string[]): Promise<void> {
  const { db, options } = run;
  const batchSize = options.batchSize ?? 250;
  const inFolder = new Set(articles);
  // Two files with one name would be one story: the first (in path order) keeps the slug.
  const firstWithSlug = new Map<string, string>();
  const duplicates: FileProblems[] = [];
  for (const file of articles) {
    const first = firstWithSlug.get(slugFromPath(file));
    if (first) duplicates.push({ sourcePath: file, problems: [{ line: 1, message: `slug ${slugFromPath(file)} is already used by ${first}` }] });
    else firstWithSlug.set(slugFromPath(file), file);
  }
  await reportProblems(run, duplicates);
  const duplicated = new Set(duplicates.map((d) => d.sourcePath));
  const context = await compileContextOf(db);
  // Files with recorded problems: one put back as it was saved is unchanged, and its problems are over.
  const withProblems = await pathsWithProblems(db);
  const candidates = articles.filter((file) => !duplicated.has(file));
  const batches: string[][] = [];
  for (let start = 0; start < candidates.length; start += batchSize) batches.push(candidates.slice(start, start + batchSize));
  const pool = startCompilePool(options.compileThreads ?? 0);
  try {
    /** Reads a batch, skips its unchanged files and compiles the rest (on the pool's threads). */
    const prepareBatch = async (batch: string[]) => {
      // A file removed since the folder was listed is skipped (the watcher or the next sync takes it down).
      const sources = await Promise.all(batch.map((file) => readFile(path.join(run.root, file), 'utf8').catch(skipIfGone)));
      const stored = await storedHashes(db, batch);
      let unchanged = 0;
      const fixed: string[] = [];
      const results = await Promise.all(
        batch.map(async (sourcePath, i) => {
          const source = sources[i];
          if (source === undefined) return undefined;
          const was = stored.get(sourcePath);
          if (was && was.sourceHash === sourceHashOf(source) && was.status !== 'unpublished') {
            unchanged += 1;
            if (withProblems.has(sourcePath)) fixed.push(sourcePath);
            return undefined;
          }
          const input = { sourcePath, source, savedBy: `file:${sourcePath}`, now: options.now, publicDir: options.publicDir };
          return { sourcePath, result: await prepareStory(input, context, pool.compile) };
        }),
      );
      const prepared: PreparedStory[] = [];
      const bad: FileProblems[] = [];
      for (const r of results) {
        if (r?.result.ok) prepared.push(r.result.prepared);
        else if (r && !r.result.ok) bad.push({ sourcePath: r.sourcePath, problems: r.result.problems });
      }
      return { prepared, bad, unchanged, fixed };
    };
    // The next batch compiles while this one is written.
    const prefetch = (b: number) => {
      if (b >= batches.length) return undefined;
      const batch = prepareBatch(batches[b] as string[]);
      batch.catch(() => {}); // awaited below; this only keeps a failure during the write before it from going unhandled
      return batch;
    };
    let next = prefetch(0);
    for (let b = 0; next; b++) {
      const { prepared, bad, unchanged, fixed } = await next;
      next = prefetch(b + 1);
      run.counts.unchanged += unchanged;
      await clearContentProblems(db, fixed);
      await reportProblems(run, bad);
      if (!writing(run) || prepared.length === 0) continue;
      const { written, refused, unchanged: sameAsStored } = await db.transaction((tx) =>
        // An all-or-nothing run is one transaction: it locks all stories once, not each slug.
        writeStories(tx, prepared, { pathInUse: (p) => inFolder.has(p), lockAllStories: options.mode !== 'per-file' }),
      );
      run.counts.saved += written.length;
      run.counts.unchanged += sameAsStored.length;
      for (const w of written) for (const key of w.keys) run.keys.add(key);
      if (options.mode === 'per-file') await announceGathered(run.keys);
      await reportProblems(run, refused.map((r) => ({ sourcePath: r.sourcePath ?? r.slug, problems: r.problems })));
    }
  } finally {
    await pool.close();
  }
  if (!writing(run)) return;
  for await (const gone of goneArticlePaths(db, inFolder, batchSize * 4)) {
    const { slugs, keys } = await unpublishStoriesAt(db, gone, options.now);
    run.counts.unpublished += slugs.length;
    for (const key of keys) run.keys.add(key);
    for (const slug of slugs) options.log(`unpublished ${slug} (its file is gone)`);
  }
}

async function runSync(run: SyncRun): Promise<void> {
  const files = await listContentFiles(run.root);
  await syncPeople(run, files);
  await syncArticles(run, files.articles);
  if (!writing(run)) return;
  await forgetProblemsOfGoneFiles(run.db, new Set([...files.sections, ...files.authors, ...files.articles]));
  await removeGonePeople(run, files);
}

export async function syncContentFolder(db: Db, root: string, options: SyncOptions): Promise<SyncResult> {
  const counts: SyncCounts = { saved: 0, unchanged: 0, unpublished: 0, failed: 0 };
  const problems: FileProblems[] = [];
  const keys = new Set<string>();
  if (options.mode === 'per-file') {
    await runSync({ db, root, options, counts, problems, keys });
  } else {
    try {
      await db.transaction(async (tx) => {
        await runSync({ db: tx, root, options, counts, problems, keys });
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
