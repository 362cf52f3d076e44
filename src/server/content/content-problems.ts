// The problems found in content files that could not be taken in (content_problems, shown on
// the desk), and the one way they are printed: `articles/x.mdx:12: message`.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { contentProblems } from '../../../db/schema/content.ts';
import type { StoryProblem } from '../../lib/content/compiled-story.ts';

export type ContentProblem = StoryProblem;

/** One file's problems, as an editor reads them. */
export interface FileProblems {
  /** Relative to the content folder, e.g. articles/x.mdx. */
  sourcePath: string;
  problems: ContentProblem[];
}

/** `path:line: message`, one line per problem, in line order. */
export function formatFileProblems(file: FileProblems): string[] {
  return [...file.problems].sort((a, b) => a.line - b.line).map((p) => `${file.sourcePath}:${p.line}: ${p.message}`);
}

/** Records (or replaces) the problems of these files, in one statement. */
export async function recordContentProblems(db: Db, files: readonly FileProblems[], now: Date): Promise<void> {
  if (files.length === 0) return;
  await db
    .insert(contentProblems)
    .values(files.map((f) => ({ sourcePath: f.sourcePath, problems: f.problems.map(({ line, message }) => ({ line, message })), seenAt: now })))
    .onConflictDoUpdate({ target: contentProblems.sourcePath, set: { problems: sql`excluded.problems`, seenAt: sql`excluded.seen_at` } });
}

/** Forgets the problems of these files (they were taken in, or are gone). */
export async function clearContentProblems(db: Db, sourcePaths: readonly string[]): Promise<void> {
  if (sourcePaths.length === 0) return;
  await db.delete(contentProblems).where(inArray(contentProblems.sourcePath, [...sourcePaths]));
}

/** The files with problems, most recently seen first (at most `limit`), for the desk. */
export async function listContentProblems(db: Db, limit = 50): Promise<(FileProblems & { seenAt: Date })[]> {
  const rows = await db.select().from(contentProblems).orderBy(sql`${contentProblems.seenAt} desc`, contentProblems.sourcePath).limit(limit);
  return rows.map((r) => ({ sourcePath: r.sourcePath, problems: r.problems, seenAt: r.seenAt }));
}
