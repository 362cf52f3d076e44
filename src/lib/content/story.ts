// A story as the rest of Masthead sees it: plain data, free of astro:content, so rules and
// tests can build one in a line.

export interface Story {
  /** The slug: the file name of content/articles/<slug>.mdx. */
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
  draft: boolean;
  image?: { src: string; alt: string; width?: number; height?: number; credit?: string | undefined } | undefined;
  /** Words of the free text (body without the locked parts). */
  publicWords: number;
  /** Which locked parts the story has. */
  lockedParts: { keyInsights: boolean; executiveActions: boolean };
}

/** Public means published: not a draft and its time has come. */
export function isPublished(story: Pick<Story, 'draft' | 'publishedAt'>, now: Date): boolean {
  return !story.draft && story.publishedAt.getTime() <= now.getTime();
}

/** Newest first; ties broken by slug so listings are stable. */
export function byRecency(a: Story, b: Story): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || a.slug.localeCompare(b.slug);
}

export function storyPath(story: Pick<Story, 'section' | 'slug'>): string {
  return `/${story.section}/${story.slug}/`;
}

export type PublicationStatus = 'draft' | 'scheduled' | 'published';

/** Where a story stands: a draft whatever its date, scheduled until its time, then published. */
export function publicationStatus(story: Pick<Story, 'draft' | 'publishedAt'>, now: Date): PublicationStatus {
  if (story.draft) return 'draft';
  return story.publishedAt.getTime() <= now.getTime() ? 'published' : 'scheduled';
}

/** When the next scheduled story goes public (undefined: none waiting). Public pages may be
 * shared by caches only until then, so a scheduled story appears without a purge. */
export function nextPublicationAfter(stories: readonly Pick<Story, 'draft' | 'publishedAt'>[], now: Date): Date | undefined {
  let next: Date | undefined;
  for (const s of stories) {
    if (s.draft || s.publishedAt.getTime() <= now.getTime()) continue;
    if (!next || s.publishedAt < next) next = s.publishedAt;
  }
  return next;
}
