// Takes in the section and author files (content/sections/x.yaml, content/authors/x.yaml):
// YAML checked against src/lib/content/schemas.ts, saved when its text changed, cache keys
// announced (an author's own key and front; every page for a section, which every page's
// navigation shows). A removed file is only reported while
// a story still names it: the row stays, so no story loses its section or byline.
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { parseDocument } from 'yaml';
import type { Db } from '../../../db/client.ts';
import { authors, sections, stories, storyAuthors } from '../../../db/schema/content.ts';
import { cacheKeys, EVERY_PAGE_KEY, FRONT_KEY } from '../../lib/content/cache-keys.ts';
import { authorSchema, sectionSchema } from '../../lib/content/schemas.ts';
import { announceContentChange } from './content-changes.ts';
import { clearContentProblems, recordContentProblems, type ContentProblem } from './content-problems.ts';
import { sourceHashOf } from './ingest-story.ts';

export type PeopleKind = 'section' | 'author';

export interface SavePeopleInput {
  /** sections/x.yaml or authors/x.yaml, relative to the content folder. */
  sourcePath: string;
  source: string;
  now: Date;
}

export type SavePeopleResult = { ok: true; changed: boolean; id: string; keys: string[] } | { ok: false; problems: ContentProblem[] };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function idFromYamlPath(sourcePath: string): string {
  return path.posix.basename(sourcePath.replaceAll('\\', '/'), '.yaml');
}

const lineOfKey = (source: string, key: string): number => {
  const at = source.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return at >= 0 ? at + 1 : 1;
};

/** The fields of a section or author file, or its problems with their lines. */
export function parsePeopleFile<T>(source: string, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): { ok: true; data: T } | { ok: false; problems: ContentProblem[] } {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '') })) };
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return { line: key ? lineOfKey(source, key) : 1, message: key ? `${key}: ${issue.message}` : issue.message };
    }),
  };
}

async function refuse(db: Db, input: SavePeopleInput, problems: ContentProblem[]): Promise<SavePeopleResult> {
  await recordContentProblems(db, [{ sourcePath: input.sourcePath, problems }], input.now);
  return { ok: false, problems };
}

function badId(id: string): ContentProblem[] {
  return [{ line: 1, message: `the file name "${id}" must be lowercase words joined by hyphens, e.g. mei-lin-zhao` }];
}

/** Saves content/sections/<id>.yaml. `announce: false` leaves announcing to the caller (a sync). */
export async function saveSection(db: Db, input: SavePeopleInput, announce = true): Promise<SavePeopleResult> {
  const id = idFromYamlPath(input.sourcePath);
  if (!ID.test(id)) return refuse(db, input, badId(id));
  const parsed = parsePeopleFile(input.source, sectionSchema);
  if (!parsed.ok) return refuse(db, input, parsed.problems);
  const hash = sourceHashOf(input.source);
  const [stored] = await db.select({ hash: sections.sourceHash }).from(sections).where(eq(sections.id, id));
  await clearContentProblems(db, [input.sourcePath]);
  if (stored?.hash === hash) return { ok: true, changed: false, id, keys: [] };
  const row = { name: parsed.data.name, description: parsed.data.description, position: parsed.data.order, sourceHash: hash, savedAt: input.now };
  await db.insert(sections).values({ id, ...row }).onConflictDoUpdate({ target: sections.id, set: row });
  // Every page shows the sections in its navigation: a section's change purges every page.
  const keys = [EVERY_PAGE_KEY];
  if (announce) await announceContentChange(keys);
  return { ok: true, changed: true, id, keys };
}

/** Saves content/authors/<id>.yaml. */
export async function saveAuthor(db: Db, input: SavePeopleInput, announce = true): Promise<SavePeopleResult> {
  const id = idFromYamlPath(input.sourcePath);
  if (!ID.test(id)) return refuse(db, input, badId(id));
  const parsed = parsePeopleFile(input.source, authorSchema);
  if (!parsed.ok) return refuse(db, input, parsed.problems);
  const hash = sourceHashOf(input.source);
  const [stored] = await db.select({ hash: authors.sourceHash }).from(authors).where(eq(authors.id, id));
  await clearContentProblems(db, [input.sourcePath]);
  if (stored?.hash === hash) return { ok: true, changed: false, id, keys: [] };
  const row = { name: parsed.data.name, role: parsed.data.role, bio: parsed.data.bio, sourceHash: hash, savedAt: input.now };
  await db.insert(authors).values({ id, ...row }).onConflictDoUpdate({ target: authors.id, set: row });
  const keys = [FRONT_KEY, cacheKeys.author(id)];
  if (announce) await announceContentChange(keys);
  return { ok: true, changed: true, id, keys };
}

/**
 * A section or author file is gone. While any story (even an unpublished one) names it, the
 * row stays and the removal is reported on the file's path; otherwise the row is deleted.
 */
export async function removeSectionOrAuthor(db: Db, kind: PeopleKind, input: { sourcePath: string; now: Date }, announce = true): Promise<{ removed: boolean; problems: ContentProblem[]; keys: string[] }> {
  const id = idFromYamlPath(input.sourcePath);
  const [row] =
    kind === 'section'
      ? await db.select({ n: count() }).from(stories).where(eq(stories.sectionId, id))
      : await db.select({ n: count() }).from(storyAuthors).where(eq(storyAuthors.authorId, id));
  const using = row?.n ?? 0;
  if (using > 0) {
    const problems = [{ line: 1, message: `${input.sourcePath} was removed, but ${using} ${using === 1 ? 'story names' : 'stories name'} ${kind} ${id}: it stays until none does` }];
    await recordContentProblems(db, [{ sourcePath: input.sourcePath, problems }], input.now);
    return { removed: false, problems, keys: [] };
  }
  const deleted =
    kind === 'section'
      ? await db.delete(sections).where(eq(sections.id, id)).returning({ id: sections.id })
      : await db.delete(authors).where(eq(authors.id, id)).returning({ id: authors.id });
  await clearContentProblems(db, [input.sourcePath]);
  const keys = deleted.length > 0 ? [FRONT_KEY, kind === 'section' ? cacheKeys.section(id) : cacheKeys.author(id)] : [];
  if (announce && keys.length > 0) await announceContentChange(keys);
  return { removed: deleted.length > 0, problems: [], keys };
}
