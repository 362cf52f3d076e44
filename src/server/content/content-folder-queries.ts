// The two reads a content-folder sync makes of the stories it compares against, both in
// batches so no step loads every story: the stored hash of a batch of paths, and the paths
// under articles/ whose file is no longer in the folder; and the problems of files now gone.
import { and, asc, count, gt, inArray, like, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contentProblems, stories, type StoryStatus } from '../../../db/schema/content.ts';
import { clearContentProblems } from './content-problems.ts';

/** source_path → the stored hash and status, for the paths of one batch that have a story. */
export async function storedHashes(db: Db, sourcePaths: readonly string[]): Promise<Map<string, { sourceHash: string; status: StoryStatus }>> {
  if (sourcePaths.length === 0) return new Map();
  const rows = await db
    .select({ sourcePath: stories.sourcePath, sourceHash: stories.sourceHash, status: stories.status })
    .from(stories)
    .where(inArray(stories.sourcePath, [...sourcePaths]));
  return new Map(rows.map((r) => [r.sourcePath as string, { sourceHash: r.sourceHash, status: r.status }]));
}

/** A story taken from a file under articles/ and not taken down. */
const articleStory = and(like(stories.sourcePath, 'articles/%'), ne(stories.status, 'unpublished'));

/** How many stories were taken from articles/ and are not taken down. */
export async function countArticleStories(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(stories).where(articleStory);
  return Number(row?.n ?? 0);
}

/** Batches of the paths of stories taken from articles/ (not yet unpublished) whose file `inFolder` says is not there. */
export async function* goneArticlePaths(db: Db, inFolder: (sourcePath: string) => boolean | Promise<boolean>, pageSize: number): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const page = await db
      .select({ sourcePath: stories.sourcePath })
      .from(stories)
      .where(and(gt(stories.sourcePath, after), articleStory))
      .orderBy(asc(stories.sourcePath))
      .limit(pageSize);
    if (page.length === 0) return;
    after = page.at(-1)?.sourcePath as string;
    const paths = page.map((r) => r.sourcePath as string);
    const there = await Promise.all(paths.map(inFolder));
    const gone = paths.filter((_, i) => !there[i]);
    if (gone.length > 0) yield gone;
    if (page.length < pageSize) return;
  }
}

/** The paths with recorded problems (a small table: only files that could not be taken in). */
export async function pathsWithProblems(db: Db): Promise<Set<string>> {
  const rows = await db.select({ sourcePath: contentProblems.sourcePath }).from(contentProblems);
  return new Set(rows.map((r) => r.sourcePath));
}

/** Forgets the recorded problems of files no longer in the folder. */
export async function forgetProblemsOfGoneFiles(db: Db, inFolder: (sourcePath: string) => boolean): Promise<void> {
  await clearContentProblems(db, [...(await pathsWithProblems(db))].filter((p) => !inFolder(p)));
}
