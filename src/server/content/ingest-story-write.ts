// Writes compiled stories to the database, a batch at a time with a fixed number of
// statements per batch (not per story): the stories upserted by slug, their tags, authors,
// tags and locked parts replaced, one revision each, their content problems cleared. The
// caller runs it inside a transaction (src/server/content/ingest-story.ts, content-folder-sync.ts).
// Several writers may save one slug at once (the watcher and content:sync, two instances on one
// PostgreSQL, two quick saves of a file): each batch first takes a lock per slug, held to commit,
// so what it reads of the stored story is still true when it writes.
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories, storyAuthors, storyLockedParts, storyRevisions, storyTags, tags, type StoryStatus } from '../../../db/schema/content.ts';
import { keysForStoryChange, type StoryKeysSource } from '../../lib/content/cache-keys.ts';
import type { CompiledStory, StoryProblem } from '../../lib/content/compiled-story.ts';
import { clearContentProblems } from './content-problems.ts';

/** A story compiled, its image measured and its status decided: ready to write. */
export interface PreparedStory {
  slug: string;
  /** Relative to the content folder (articles/x.mdx); null for a story saved on the desk. */
  sourcePath: string | null;
  source: string;
  sourceHash: string;
  savedBy: string;
  savedAt: Date;
  status: StoryStatus;
  story: CompiledStory;
}

export interface WrittenStory {
  storyId: number;
  slug: string;
  sourcePath: string | null;
  /** The cache keys of the version before (if any) and after. */
  keys: string[];
}

/** Its text was already the stored version: nothing written. */
export interface UnchangedStory {
  storyId: number;
  slug: string;
  sourcePath: string | null;
}

export interface RefusedStory {
  slug: string;
  sourcePath: string | null;
  problems: StoryProblem[];
}

export interface WriteOptions {
  /**
   * Whether a path that already holds a slug is still in use. A story whose file moved
   * (articles/a/x.mdx → articles/b/x.mdx) takes its slug over when the old file is gone.
   * Default: every path is in use.
   */
  pathInUse?: (sourcePath: string) => boolean;
  /**
   * Lock every story for the rest of the transaction instead of the batch's slugs: for a
   * transaction that writes a whole content folder (content:sync's all-or-nothing run), whose
   * slug locks would otherwise pile up past the database's lock table (200,000 in one run).
   */
  lockAllStories?: boolean;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The first key of the two-key advisory locks on story slugs (any constant no other lock uses). */
const STORY_SLUG_LOCKS = 0x5106;
/** The advisory lock (key pair) over all stories: shared by writers of a few slugs, exclusive for a whole folder. */
const ALL_STORIES_LOCK = [0x5107, 0] as const;
/** More slugs than this in one batch lock all stories instead (each slug lock is an entry in the lock table). */
const MOST_SLUG_LOCKS = 64;

/**
 * Waits for, then holds until commit, a transaction-level advisory lock on each slug. Without
 * it, two writers of a new slug both read "not stored" and the second upsert silently took the
 * first one's row (another file's, or the desk's), and identical saves each added a revision; a
 * row lock cannot help, as a new slug has no row yet. Taken in one order (by key) so that two
 * batches sharing slugs never wait on each other in a circle; a hash collision only makes two
 * unrelated stories wait their turn. Every writer first takes the lock over all stories (always
 * before any slug's, so nobody waits in a circle): shared when it then locks its few slugs,
 * exclusive when it writes many (a big batch, or a whole folder in one transaction), which
 * then needs no slug locks and keeps the lock table small.
 */
async function lockSlugs(db: Db, slugs: readonly string[], lockAllStories: boolean): Promise<void> {
  const [first, second] = ALL_STORIES_LOCK;
  if (lockAllStories || slugs.length > MOST_SLUG_LOCKS) {
    await db.execute(sql`select pg_advisory_xact_lock(${first}, ${second})`);
    return;
  }
  await db.execute(sql`select pg_advisory_xact_lock_shared(${first}, ${second})`);
  const list = sql.join(slugs.map((slug) => sql`${slug}`), sql`, `);
  await db.execute(sql`select count(pg_advisory_xact_lock(${STORY_SLUG_LOCKS}, k)) from (select distinct hashtext(s) as k from unnest(array[${list}]::text[]) as s order by k) as keys`);
}

/** Columns an upsert overwrites: every one but the id, the slug and the generated ones (the search documents, the database fills them). */
const UPDATED_COLUMNS = Object.entries(getTableColumns(stories)).filter(([key, column]) => !['id', 'slug'].includes(key) && !column.generated);
const ON_CONFLICT_SET = Object.fromEntries(UPDATED_COLUMNS.map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]));

export function keysSourceOf(p: PreparedStory): StoryKeysSource {
  return { slug: p.slug, section: p.story.fields.section, tags: p.story.fields.tags, authors: p.story.fields.authors };
}

function storyRow(p: PreparedStory) {
  const f = p.story.fields;
  return {
    slug: p.slug,
    sectionId: f.section,
    status: p.status,
    title: f.title,
    dek: f.dek,
    summary: f.summary,
    authorIds: unique(f.authors),
    tagIds: unique(f.tags),
    publishedAt: f.publishedAt,
    updatedAt: f.updatedAt ?? null,
    image: f.image ?? null,
    publicHtml: p.story.publicHtml,
    publicText: p.story.publicText,
    publicWords: p.story.publicWords,
    hasKeyInsights: p.story.lockedParts.some((l) => l.part === 'key-insights'),
    hasExecutiveActions: p.story.lockedParts.some((l) => l.part === 'executive-actions'),
    source: p.source,
    sourceHash: p.sourceHash,
    sourcePath: p.sourcePath,
    savedAt: p.savedAt,
  };
}

/** Writes a batch (a few hundred at most: one statement carries every story's columns). */
export async function writeStories(db: Db, batch: readonly PreparedStory[], options: WriteOptions = {}): Promise<{ written: WrittenStory[]; refused: RefusedStory[]; unchanged: UnchangedStory[] }> {
  if (batch.length === 0) return { written: [], refused: [], unchanged: [] };
  const refused: RefusedStory[] = [];
  const unchanged: UnchangedStory[] = [];
  const refuse = (p: PreparedStory, message: string) => refused.push({ slug: p.slug, sourcePath: p.sourcePath, problems: [{ line: 1, message }] });

  const slugs = unique(batch.map((p) => p.slug));
  await lockSlugs(db, slugs, options.lockAllStories === true);
  const existing = await db
    .select({ id: stories.id, slug: stories.slug, sourcePath: stories.sourcePath, sourceHash: stories.sourceHash, status: stories.status, section: stories.sectionId, tags: stories.tagIds, authors: stories.authorIds })
    .from(stories)
    .where(inArray(stories.slug, slugs));
  const bySlug = new Map(existing.map((row) => [row.slug, row]));

  const accepted: PreparedStory[] = [];
  const claimedBy = new Map<string, string | null>();
  for (const p of batch) {
    const first = claimedBy.get(p.slug);
    if (first !== undefined) {
      refuse(p, `slug ${p.slug} is already used by ${first ?? 'a story saved on the desk'}`);
      continue;
    }
    const held = bySlug.get(p.slug);
    const movedFile = held?.sourcePath != null && p.sourcePath !== null && options.pathInUse !== undefined && !options.pathInUse(held.sourcePath);
    if (held && held.sourcePath !== p.sourcePath && !movedFile) {
      refuse(p, `slug ${p.slug} is already used by ${held.sourcePath ?? 'a story saved on the desk'}`);
      continue;
    }
    claimedBy.set(p.slug, p.sourcePath);
    // The same text again (a writer that saved it committed while this one compiled) changes nothing.
    if (held && held.sourceHash === p.sourceHash && held.sourcePath === p.sourcePath && held.status !== 'unpublished') unchanged.push({ storyId: held.id, slug: p.slug, sourcePath: p.sourcePath });
    else accepted.push(p);
  }
  await clearContentProblems(db, unchanged.flatMap((u) => (u.sourcePath ? [u.sourcePath] : [])));
  if (accepted.length === 0) return { written: [], refused, unchanged };

  // Sorted: two batches inserting the same new tags wait for each other in one order, never in a circle.
  const tagIds = unique(accepted.flatMap((p) => p.story.fields.tags)).sort();
  if (tagIds.length > 0) await db.insert(tags).values(tagIds.map((id) => ({ id }))).onConflictDoNothing();

  const saved = await db
    .insert(stories)
    .values(accepted.map(storyRow))
    .onConflictDoUpdate({ target: stories.slug, set: ON_CONFLICT_SET })
    .returning({ id: stories.id, slug: stories.slug });
  const idOf = new Map(saved.map((row) => [row.slug, row.id]));
  const ids = saved.map((row) => row.id);
  const id = (p: PreparedStory) => idOf.get(p.slug) as number;

  await db.delete(storyAuthors).where(inArray(storyAuthors.storyId, ids));
  await db.delete(storyTags).where(inArray(storyTags.storyId, ids));
  await db.delete(storyLockedParts).where(inArray(storyLockedParts.storyId, ids));
  const authorRows = accepted.flatMap((p) => unique(p.story.fields.authors).map((authorId, position) => ({ storyId: id(p), authorId, position })));
  const tagRows = accepted.flatMap((p) => unique(p.story.fields.tags).map((tagId) => ({ storyId: id(p), tagId })));
  const lockedRows = accepted.flatMap((p) => p.story.lockedParts.map((l) => ({ storyId: id(p), part: l.part, html: l.html })));
  if (authorRows.length > 0) await db.insert(storyAuthors).values(authorRows);
  if (tagRows.length > 0) await db.insert(storyTags).values(tagRows);
  if (lockedRows.length > 0) await db.insert(storyLockedParts).values(lockedRows);
  await db.insert(storyRevisions).values(accepted.map((p) => ({ storyId: id(p), source: p.source, sourceHash: p.sourceHash, savedBy: p.savedBy, savedAt: p.savedAt })));
  await clearContentProblems(db, accepted.flatMap((p) => (p.sourcePath ? [p.sourcePath] : [])));

  const written = accepted.map((p) => {
    const before = bySlug.get(p.slug);
    const after = keysSourceOf(p);
    const keys = before ? keysForStoryChange({ slug: before.slug, section: before.section, tags: before.tags, authors: before.authors }, after) : keysForStoryChange(after);
    return { storyId: id(p), slug: p.slug, sourcePath: p.sourcePath, keys };
  });
  return { written, refused, unchanged };
}
