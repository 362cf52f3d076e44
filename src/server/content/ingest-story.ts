// Takes one story in: compiles its MDX against the sections and authors in the database,
// measures its local images (lead and body; compiled again with the body's sizes), and saves
// it in one transaction (ingest-story-write.ts), or records why it could not be taken in
// (content_problems) and changes nothing else. Announces the cache keys of the version before
// and after once committed.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { authors, sections, stories, type StoryStatus } from '../../../db/schema/content.ts';
import { compileStory } from '../../lib/content/compile-story.ts';
import type { CompileContext, StoryFields, StoryProblem } from '../../lib/content/compiled-story.ts';
import type { StoryCompiler } from './compile-pool.ts';
import { announceContentChange } from './content-changes.ts';
import { clearContentProblems, recordContentProblems } from './content-problems.ts';
import { defaultPublicDir, measureBodyImages, measureLeadImage } from './ingest-image.ts';
import { writeStories, type PreparedStory, type WriteOptions } from './ingest-story-write.ts';

export interface SaveStoryInput {
  /** Relative to the content folder (articles/markets/x.mdx); null for the desk. */
  sourcePath: string | null;
  /** Needed when there is no sourcePath; otherwise the file name without .mdx. */
  slug?: string | undefined;
  source: string;
  /** Who saved it: a user id, or file:<sourcePath>. */
  savedBy: string;
  now: Date;
  /** Where /images/x.jpg is looked for; default public/ of the project. */
  publicDir?: string | undefined;
  pathInUse?: WriteOptions['pathInUse'];
}

export type SaveStoryResult = { ok: true; changed: boolean; storyId: number; slug: string } | { ok: false; problems: StoryProblem[] };

export type PrepareResult = { ok: true; prepared: PreparedStory } | { ok: false; problems: StoryProblem[] };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** articles/markets/x.mdx → x. */
export function slugFromPath(sourcePath: string): string {
  return path.posix.basename(sourcePath.replaceAll('\\', '/'), '.mdx');
}

export function sourceHashOf(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** draft if the editor says so; else scheduled until publishedAt, published from then. */
export function storyStatus(fields: StoryFields, now: Date): StoryStatus {
  if (fields.draft) return 'draft';
  return fields.publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** The section and author ids a story may name: those in the database. */
export async function compileContextOf(db: Db): Promise<CompileContext> {
  const [sectionRows, authorRows] = await Promise.all([db.select({ id: sections.id }).from(sections), db.select({ id: authors.id }).from(authors)]);
  return { sections: sectionRows.map((r) => r.id).sort(), authors: authorRows.map((r) => r.id).sort() };
}

/** Compiles and checks a story without touching the database (on a compile thread when given one: compile-pool.ts). */
export async function prepareStory(input: SaveStoryInput, context: CompileContext, compile: StoryCompiler = async (...args) => compileStory(...args)): Promise<PrepareResult> {
  const slug = input.sourcePath !== null ? slugFromPath(input.sourcePath) : input.slug;
  if (!slug || !SLUG.test(slug)) {
    const what = input.sourcePath !== null ? `the file name "${slug ?? ''}"` : `the slug "${slug ?? ''}"`;
    return { ok: false, problems: [{ line: 1, message: `${what} must be lowercase words joined by hyphens, e.g. leapmotor-record-deliveries` }] };
  }
  const file = input.sourcePath ?? `articles/${slug}.mdx`;
  let compiled = await compile(file, input.source, context);
  if (!compiled.ok) return { ok: false, problems: compiled.problems };
  const publicDir = input.publicDir ?? defaultPublicDir();
  const [lead, body] = await Promise.all([measureLeadImage(compiled.story.fields.image, input.source, publicDir), measureBodyImages(compiled.story.localImages, publicDir)]);
  const problems = [...(lead.ok ? [] : [lead.problem]), ...(body.ok ? [] : body.problems)].sort((a, b) => a.line - b.line);
  if (!lead.ok || !body.ok) return { ok: false, problems };
  // Compiled again with the sizes only when some local body image has none of its own.
  if (compiled.story.localImages.some((image) => !image.sized)) {
    compiled = await compile(file, input.source, { ...context, imageSizes: body.sizes });
    if (!compiled.ok) return { ok: false, problems: compiled.problems };
  }
  const story = { ...compiled.story, fields: { ...compiled.story.fields, image: lead.image } };
  return {
    ok: true,
    prepared: {
      slug,
      sourcePath: input.sourcePath,
      source: input.source,
      sourceHash: sourceHashOf(input.source),
      savedBy: input.savedBy,
      savedAt: input.now,
      status: storyStatus(story.fields, input.now),
      story,
    },
  };
}

/** Saves one story (a file or the desk). Saving the same text again changes nothing. */
export async function saveStory(db: Db, input: SaveStoryInput): Promise<SaveStoryResult> {
  const slug = input.sourcePath !== null ? slugFromPath(input.sourcePath) : input.slug;
  if (slug) {
    const [stored] = await db
      .select({ id: stories.id, sourceHash: stories.sourceHash, sourcePath: stories.sourcePath, status: stories.status })
      .from(stories)
      .where(eq(stories.slug, slug));
    if (stored && stored.sourceHash === sourceHashOf(input.source) && stored.sourcePath === input.sourcePath && stored.status !== 'unpublished') {
      // A file put back as it was stored: its last (bad) version's problems are over.
      if (input.sourcePath) await clearContentProblems(db, [input.sourcePath]);
      return { ok: true, changed: false, storyId: stored.id, slug };
    }
  }
  const prepared = await prepareStory(input, await compileContextOf(db));
  const refuse = async (problems: StoryProblem[]): Promise<SaveStoryResult> => {
    if (input.sourcePath) await recordContentProblems(db, [{ sourcePath: input.sourcePath, problems }], input.now);
    return { ok: false, problems };
  };
  if (!prepared.ok) return refuse(prepared.problems);
  const options: WriteOptions = input.pathInUse ? { pathInUse: input.pathInUse } : {};
  const { written, refused, unchanged } = await db.transaction((tx) => writeStories(tx, [prepared.prepared], options));
  const done = written[0];
  const same = unchanged[0];
  if (same) return { ok: true, changed: false, storyId: same.storyId, slug: same.slug };
  if (!done) return refuse(refused[0]?.problems ?? [{ line: 1, message: 'the story could not be saved' }]);
  await announceContentChange(done.keys);
  return { ok: true, changed: true, storyId: done.storyId, slug: done.slug };
}
