// Publishes scheduled stories when their time comes. Every second it sets the stories whose
// status is 'scheduled' and whose published_at has passed to 'published', and announces
// their cache keys (src/server/content/content-changes.ts), so the pages that list them are
// purged here and on every other instance (src/server/content/content-channel.ts) within 2 s.
// Readers already see a scheduled story once its time has passed (a story is public when
// its status is scheduled or published and published_at <= now); the announcement is what
// makes the cached pages show it.
//
// Several instances may tick at once: the one UPDATE … RETURNING is atomic, so each story is
// published, and announced, by exactly one of them. The query walks the index on published_at
// (stories_public_recent in db/migrations/0005_newsroom.sql) over the window since the last
// tick, less a minute's slack for saves that commit late, so a tick costs the stories in that
// window, not the archive; the first tick after start sweeps every due story once.
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories } from '../../../db/schema/index.ts';
import { keysForStoryChange } from '../../lib/content/cache-keys.ts';
import { announceContentChange } from './content-changes.ts';

export const PUBLISH_TICK_MS = 1000;
/** How far before the last tick each tick looks back, for a save that committed late. */
export const LATE_SAVE_SLACK_MS = 60_000;

export interface PublishedOnSchedule {
  slug: string;
  keys: string[];
}

/**
 * One tick: publishes the stories due at `at` (published_at after `since`, when given) and
 * announces their keys. Returns what it published.
 */
export async function publishDueStories(db: Db, at: Date, since?: Date): Promise<PublishedOnSchedule[]> {
  const due = and(eq(stories.status, 'scheduled'), lte(stories.publishedAt, at), since ? gt(stories.publishedAt, since) : undefined);
  const published = await db
    .update(stories)
    .set({ status: 'published' })
    .where(due)
    .returning({ slug: stories.slug, sectionId: stories.sectionId, tagIds: stories.tagIds, authorIds: stories.authorIds });
  const result = published.map((story) => ({
    slug: story.slug,
    keys: keysForStoryChange({ slug: story.slug, section: story.sectionId, tags: story.tagIds, authors: story.authorIds }),
  }));
  const keys = [...new Set(result.flatMap((story) => story.keys))];
  if (keys.length > 0) await announceContentChange(keys);
  return result;
}

/** Starts the ticker; returns the function that stops it. A tick never overlaps the last. */
export function startScheduledPublisher(db: Db, now: () => Date, log: (line: string) => void, tickMs = PUBLISH_TICK_MS): () => void {
  let lastTick: Date | undefined;
  let running = false;
  let stopped = false;
  let failing = false;

  async function tick(): Promise<void> {
    if (running || stopped) return;
    running = true;
    const at = now();
    // A clock moved back (tests) counts from where it is now.
    const since = lastTick && new Date(Math.min(lastTick.getTime(), at.getTime()) - LATE_SAVE_SLACK_MS);
    try {
      const published = await publishDueStories(db, at, since);
      lastTick = at;
      if (failing) log('Scheduled publishing: the database answers again.');
      failing = false;
      if (published.length > 0) log(`Published on schedule: ${published.map((story) => story.slug).join(', ')}.`);
    } catch (error) {
      // Once per outage, not every second; the next tick retries (from the last good one).
      if (!failing) log(`Scheduled publishing failed, retrying every ${tickMs / 1000} s: ${(error as Error).message}`);
      failing = true;
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
