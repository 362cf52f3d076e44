// Counts an attempt against a limit; the counter lives in the database so that every
// instance sees the same count. One statement: insert or increment, returning the count.
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

/** Whether another attempt is allowed, without counting one (to count failures only). */
export async function checkRateLimit(db: Db, name: RateLimitName, subject: string, now: Date): Promise<RateLimitResult> {
  const { limit, windowSeconds } = RATE_LIMITS[name];
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, `${name}:${subject}`), eq(rateLimits.windowStart, windowStart(now, windowSeconds))))
    .limit(1);
  return (row?.hits ?? 0) < limit ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfterSeconds(now, windowSeconds) };
}
