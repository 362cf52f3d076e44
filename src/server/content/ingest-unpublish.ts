// Takes stories down: status 'unpublished' (pages answer 410 Gone; revisions stay, and the
// story comes back when its file does). Announces the cache keys of what was taken down.
import { and, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories } from '../../../db/schema/content.ts';
import { keysForStoryChange } from '../../lib/content/cache-keys.ts';
import { announceContentChange } from './content-changes.ts';

export type UnpublishTarget = { sourcePath: string } | { slug: string };

/** Marks the matching stories unpublished; returns the cache keys they touched (none if none changed). */
async function markUnpublished(db: Db, match: SQL, now: Date): Promise<{ slugs: string[]; keys: string[] }> {
  const rows = await db
    .update(stories)
    .set({ status: 'unpublished', savedAt: now })
    .where(and(match, ne(stories.status, 'unpublished')))
    .returning({ slug: stories.slug, section: stories.sectionId, tags: stories.tagIds, authors: stories.authorIds });
  if (rows.length === 0) return { slugs: [], keys: [] };
  return { slugs: rows.map((r) => r.slug), keys: keysForStoryChange(...rows) };
}

/** Takes one story down (its file was removed, or the desk said so). */
export async function unpublishStory(db: Db, input: UnpublishTarget & { now: Date }): Promise<{ unpublished: boolean; slug: string | undefined }> {
  const match = 'sourcePath' in input ? eq(stories.sourcePath, input.sourcePath) : eq(stories.slug, input.slug);
  const { slugs, keys } = await markUnpublished(db, match, input.now);
  if (keys.length > 0) await announceContentChange(keys);
  return { unpublished: slugs.length > 0, slug: slugs[0] };
}

/** Takes down the stories of these files in one statement; the caller announces the keys. */
export async function unpublishStoriesAt(db: Db, sourcePaths: readonly string[], now: Date): Promise<{ slugs: string[]; keys: string[] }> {
  if (sourcePaths.length === 0) return { slugs: [], keys: [] };
  return markUnpublished(db, inArray(stories.sourcePath, [...sourcePaths]), now);
}
