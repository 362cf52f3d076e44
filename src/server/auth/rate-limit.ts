// Counts an attempt against a limit; the counter lives in the database so that every
// instance sees the same count. One statement: insert or increment, returning the count, so
// concurrent attempts on any number of instances are each counted before they are judged.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { rateLimits } from '../../../db/schema/index.ts';
import { RATE_LIMITS, retryAfterSeconds, windowStart, type RateLimitName } from '../../lib/auth/rate-limit-policy.ts';

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function hitRateLimit(db: Db, name: RateLimitName, subject: string, now: Date): Promise<RateLimitResult> {
  const { limit, windowSeconds } = RATE_LIMITS[name];
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket: `${name}:${subject}`, windowStart: windowStart(now, windowSeconds), hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  const hits = row?.hits ?? 1;
  return hits <= limit ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfterSeconds(now, windowSeconds) };
}

/** Forgets windows that have ended; called now and then, never needed for correctness. */
export async function pruneRateLimits(db: Db, now: Date): Promise<void> {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((l) => l.windowSeconds));
  // lt() binds the Date through the column (a raw Date in sql`` fails on postgres-js).
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - longest * 1000)));
}

/**
 * Takes back one counted attempt (never below zero), for an attempt that turned out to be
 * the owner's: a reader who signs in often then never locks themselves out. It cannot let a
 * guesser past the limit: an attempt is only counted back after it succeeded, and one that
 * failed stays counted. `now` must be the time the hit was counted with, so the same window
 * is touched.
 */
export async function giveBackRateLimitHit(db: Db, name: RateLimitName, subject: string, now: Date): Promise<void> {
  const { windowSeconds } = RATE_LIMITS[name];
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(and(eq(rateLimits.bucket, `${name}:${subject}`), eq(rateLimits.windowStart, windowStart(now, windowSeconds))));
}
