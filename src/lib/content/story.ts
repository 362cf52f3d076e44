// A story as the rest of Masthead sees it: plain data read from the stories table
// (src/server/content/story-rows.ts maps a row), so rules and tests can build one in a line.
import type { StoryImage, StoryStatus } from '../../../db/schema/content.ts';

export type { StoryImage, StoryStatus };

export interface Story {
  /** The row's id (stories.id): locked parts and ties in listings go by it. */
  id: number;
  /** The story's URL segment and lasting identity. */
  slug: string;
  /** Section id, e.g. "business". */
  section: string;
  title: string;
  dek: string;
  summary: string;
  /** Author ids, in byline order. */
  authors: string[];
  tags: string[];
  publishedAt: Date;
  updatedAt?: Date | undefined;
  /** Where the story stands as saved; the clock decides whether a scheduled one is out. */
  status: StoryStatus;
  /** status === 'draft', kept for callers that only ask that. */
  draft: boolean;
  image?: StoryImage | undefined;
  /** Words of the free text (body without the locked parts). */
  publicWords: number;
  /** Which locked parts the story has. */
  lockedParts: { keyInsights: boolean; executiveActions: boolean };
}

type Publishable = Pick<Story, 'draft' | 'publishedAt'> & { status?: StoryStatus | undefined };

/** Public: scheduled or published (not a draft, not taken down) and its time has come. The
 * same rule as the SQL in src/server/content/story-rows.ts (publicAt). */
export function isPublished(story: Publishable, now: Date): boolean {
  if (story.draft || story.status === 'draft' || story.status === 'unpublished') return false;
  return story.publishedAt.getTime() <= now.getTime();
}

/** Newest first; ties broken by id (the later row first, as the listings' SQL does), then slug. */
export function byRecency(a: Story, b: Story): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id || a.slug.localeCompare(b.slug);
}

export function storyPath(story: Pick<Story, 'section' | 'slug'>): string {
  return `/${story.section}/${story.slug}/`;
}

export type PublicationStatus = StoryStatus;

/** Where a story stands now: taken down or a draft whatever its date, scheduled until its
 * time, then published. */
export function publicationStatus(story: Publishable, now: Date): PublicationStatus {
  if (story.status === 'unpublished') return 'unpublished';
  if (story.draft || story.status === 'draft') return 'draft';
  return story.publishedAt.getTime() <= now.getTime() ? 'published' : 'scheduled';
}
