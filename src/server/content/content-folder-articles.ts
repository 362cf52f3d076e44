// The articles step of a content-folder sync (content-folder-sync.ts), over batches of files as
// they come: each batch is read, compared with the stored hashes in one query, and its changed
// files compiled (on the compile pool's threads, while the batch before is written) and written
// with a fixed number of statements. An unchanged file costs a read and a hash, never a compile.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { clearContentProblems, type FileProblems } from './content-problems.ts';
import { skipIfGone } from './content-files.ts';
import { storedHashes, pathsWithProblems } from './content-folder-queries.ts';
import { startCompilePool } from './compile-pool.ts';
import { compileContextOf, prepareStory, sourceHashOf } from './ingest-story.ts';
import { writeStories, type PreparedStory } from './ingest-story-write.ts';
import { announceGathered, reportProblems, writing, type SyncRun } from './content-folder-sync.ts';

export interface ArticleBatchesDone {
  /** Files of the batches that have a story under their own path at the end (not taken down). */
  withStory: number;
}

interface PreparedBatch {
  prepared: PreparedStory[];
  bad: FileProblems[];
  unchanged: number;
  /** Files with recorded problems that are now as saved: their problems are over. */
  fixed: string[];
  /** Files that had a story under their path before this run (not taken down). */
  hadStory: Set<string>;
}

/**
 * Takes in every batch `batches` yields. `pathInUse` tells whether another story's file is still
 * in the folder (a slug held by a file that is gone moves to the file that names it now).
 */
export async function syncArticleBatches(run: SyncRun, batches: AsyncIterable<string[]>, pathInUse: (sourcePath: string) => boolean): Promise<ArticleBatchesDone> {
  const { db, options } = run;
  const context = await compileContextOf(db);
  // Files with recorded problems: one put back as it was saved is unchanged, and its problems are over.
  const withProblems = await pathsWithProblems(db);
  const pool = startCompilePool(options.compileThreads ?? 0);

  const prepareBatch = async (batch: string[]): Promise<PreparedBatch> => {
    // A file removed since the folder was listed is skipped (the watcher or the next sync takes it down).
    const sources = await Promise.all(batch.map((file) => readFile(path.join(run.root, file), 'utf8').catch(skipIfGone)));
    const stored = await storedHashes(db, batch);
    const hadStory = new Set([...stored].filter(([, s]) => s.status !== 'unpublished').map(([p]) => p));
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
    return { prepared, bad, unchanged, fixed, hadStory };
  };

  const iterator = batches[Symbol.asyncIterator]();
  /** The next batch, being read and compiled while the one before is written. */
  const prefetch = async (): Promise<PreparedBatch | undefined> => {
    const next = await iterator.next();
    return next.done ? undefined : prepareBatch(next.value);
  };
  let withStory = 0;
  try {
    let next = prefetch();
    for (;;) {
      const batch = await next;
      if (!batch) break;
      next = prefetch();
      next.catch(() => {}); // awaited above on the next turn; this only keeps a failure during the write from going unhandled
      const { prepared, bad, unchanged, fixed, hadStory } = batch;
      run.counts.unchanged += unchanged;
      await clearContentProblems(db, fixed);
      await reportProblems(run, bad);
      if (!writing(run) || prepared.length === 0) {
        withStory += hadStory.size;
        continue;
      }
      const { written, refused, unchanged: sameAsStored } = await db.transaction((tx) =>
        // An all-or-nothing run is one transaction: it locks all stories once, not each slug.
        writeStories(tx, prepared, { pathInUse, lockAllStories: options.mode !== 'per-file' }),
      );
      run.counts.saved += written.length;
      run.counts.unchanged += sameAsStored.length;
      for (const w of written) {
        if (w.sourcePath) hadStory.add(w.sourcePath);
        for (const key of w.keys) run.keys.add(key);
      }
      withStory += hadStory.size;
      if (options.mode === 'per-file') await announceGathered(run.keys);
      await reportProblems(run, refused.map((r) => ({ sourcePath: r.sourcePath ?? r.slug, problems: r.problems })));
    }
  } finally {
    await iterator.return?.();
    await pool.close();
  }
  return { withStory };
}
