// One story at a time, whatever its status (callers decide who may see a draft or a scheduled
// story; an unpublished one answers 410), and the desk's lists by status. The article's public
// HTML is read here, for the one story shown; locked parts are not
// (src/server/content/locked-parts.ts).
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { stories } from '../../../db/schema/content.ts';
import type { Story } from '../../lib/content/story.ts';
import { getDb } from '../db/database.ts';
import { newestFirst, publicAt, rowToStory, storyListColumns, waitingAt } from './story-rows.ts';

/** A story with its free body: public HTML with a marker where each locked part stands
 * (src/lib/content/compiled-story.ts, fillLockedParts). */
export type StoryPage = Story & { publicHtml: string };

/** The story at /<section>/<slug>/ in any status, with its public HTML, or undefined. */
export async function findStoryAt(section: string, slug: string): Promise<StoryPage | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ ...storyListColumns, publicHtml: stories.publicHtml })
    .from(stories)
    .where(and(eq(stories.slug, slug), eq(stories.sectionId, section)))
    .limit(1);
  return row && { ...rowToStory(row), publicHtml: row.publicHtml };
}

/** Any story with this slug, in any status (callers check), without its body. */
export async function findStoryBySlug(slug: string): Promise<Story | undefined> {
  const db = await getDb();
  const [row] = await db.select(storyListColumns).from(stories).where(eq(stories.slug, slug)).limit(1);
  return row && rowToStory(row);
}

/** The stories with these slugs, in any status, in the order asked (unknown slugs left out). */
export async function storiesBySlugs(slugs: readonly string[]): Promise<Story[]> {
  if (slugs.length === 0) return [];
  const db = await getDb();
  const rows = await db.select(storyListColumns).from(stories).where(inArray(stories.slug, [...new Set(slugs)]));
  const bySlug = new Map(rows.map((row) => [row.slug, rowToStory(row)]));
  return slugs.flatMap((slug) => bySlug.get(slug) ?? []);
}

export interface DeskStoryLists {
  /** Last saved first. */
  drafts: Story[];
  /** Soonest first. */
  scheduled: Story[];
  /** Newest first. */
  recent: Story[];
  /** Last saved first. */
  unpublished: Story[];
}

/** What the desk's front page lists, at most `limit` of each. */
export async function storiesForDesk(now: Date, limit: number): Promise<DeskStoryLists> {
  const db = await getDb();
  const [drafts, scheduled, recent, unpublished] = await Promise.all([
    db.select(storyListColumns).from(stories).where(eq(stories.status, 'draft')).orderBy(desc(stories.savedAt), desc(stories.id)).limit(limit),
    db.select(storyListColumns).from(stories).where(waitingAt(now)).orderBy(asc(stories.publishedAt), asc(stories.id)).limit(limit),
    db.select(storyListColumns).from(stories).where(publicAt(now)).orderBy(...newestFirst).limit(limit),
    db.select(storyListColumns).from(stories).where(eq(stories.status, 'unpublished')).orderBy(desc(stories.savedAt), desc(stories.id)).limit(limit),
  ]);
  return { drafts: drafts.map(rowToStory), scheduled: scheduled.map(rowToStory), recent: recent.map(rowToStory), unpublished: unpublished.map(rowToStory) };
}
