// The columns a story listing reads and how a row becomes a Story (src/lib/content/story.ts),
// plus the SQL pieces every story query shares: "public at this time" and "newest first".
// Lists select only these small columns: never source, search_document, public_text or
// public_html (findStoryAt adds public_html for the one story it shows), and never a locked
// part (only src/server/content/locked-parts.ts reads story_locked_parts).
import { and, gt, lte, sql, type SQL } from 'drizzle-orm';
import { stories } from '../../../db/schema/content.ts';
import type { Story } from '../../lib/content/story.ts';

export const storyListColumns = {
  id: stories.id,
  slug: stories.slug,
  sectionId: stories.sectionId,
  status: stories.status,
  title: stories.title,
  dek: stories.dek,
  summary: stories.summary,
  authorIds: stories.authorIds,
  tagIds: stories.tagIds,
  publishedAt: stories.publishedAt,
  updatedAt: stories.updatedAt,
  image: stories.image,
  publicWords: stories.publicWords,
  hasKeyInsights: stories.hasKeyInsights,
  hasExecutiveActions: stories.hasExecutiveActions,
};

export interface StoryListRow {
  id: number;
  slug: string;
  sectionId: string;
  status: Story['status'];
  title: string;
  dek: string;
  summary: string;
  authorIds: string[];
  tagIds: string[];
  publishedAt: Date;
  updatedAt: Date | null;
  image: Story['image'] | null;
  publicWords: number;
  hasKeyInsights: boolean;
  hasExecutiveActions: boolean;
}

export function rowToStory(row: StoryListRow): Story {
  return {
    id: row.id,
    slug: row.slug,
    section: row.sectionId,
    title: row.title,
    dek: row.dek,
    summary: row.summary,
    authors: row.authorIds,
    tags: row.tagIds,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt ?? undefined,
    status: row.status,
    draft: row.status === 'draft',
    image: row.image ?? undefined,
    publicWords: row.publicWords,
    lockedParts: { keyInsights: row.hasKeyInsights, executiveActions: row.hasExecutiveActions },
  };
}

/**
 * Scheduled or published, and its time has come. The status test is written exactly as the
 * partial indexes' predicate (stories_public_recent, stories_section_recent in
 * db/schema/content.ts), with constants, so the planner can use them.
 */
export function publicAt(now: Date): SQL {
  return and(sql`${stories.status} in ('scheduled', 'published')`, lte(stories.publishedAt, now)) as SQL;
}

/** Scheduled (or published) but not out yet at `now`. */
export function waitingAt(now: Date): SQL {
  return and(sql`${stories.status} in ('scheduled', 'published')`, gt(stories.publishedAt, now)) as SQL;
}

/**
 * Newest first, ties by id: spelled as the indexes are built (desc nulls last), so an index
 * scan gives the order without sorting and limit/offset stop early.
 */
export const newestFirst: SQL[] = [sql`${stories.publishedAt} desc nulls last`, sql`${stories.id} desc nulls last`];
