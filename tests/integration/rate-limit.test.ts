// Rate limits are fixed-window counters in the database, so every server instance sees the
// same count. Runs on PGlite, and on PostgreSQL (two pools = two instances) with TEST_DATABASE_URL.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimits } from '../../db/schema/index.ts';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';
import { hitRateLimit, pruneRateLimits } from '../../src/server/auth/rate-limit.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, HOUR, MINUTE, testClock, uniqueIdentity, type TestDatabase } from '../support/test-db.ts';
import type { Db } from '../../db/client.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

async function hits(db: Db, bucket: string, windowStart: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.windowStart, windowStart)));
  return row?.hits;
}

describe('hitRateLimit', () => {
  it('allows the limit in one window, refuses the next attempt and says when to retry', async () => {
    const clock = testClock();
    const { email } = uniqueIdentity();
    expect(RATE_LIMITS['verify:account']).toEqual({ limit: 3, windowSeconds: 15 * 60 });

    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await hitRateLimit(t.db, 'verify:account', email, clock.now()));
      clock.advance(MINUTE);
    }

    expect(results).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      // The 4th came at 09:03; the window ends at 09:15.
      { allowed: false, retryAfterSeconds: 12 * 60 },
    ]);
    expect(await hits(t.db, `verify:account:${email}`, testClock().now())).toBe(4);
  });

  it('counts each bucket apart: another subject, or another limit on the same subject', async () => {
    const clock = testClock();
    const a = uniqueIdentity().ipAddress;
    const b = uniqueIdentity().ipAddress;
    for (let i = 0; i < 10; i++) await hitRateLimit(t.db, 'register:ip', a, clock.now());

    expect(await hitRateLimit(t.db, 'register:ip', a, clock.now())).toMatchObject({ allowed: false });
    expect(await hitRateLimit(t.db, 'register:ip', b, clock.now())).toEqual({ allowed: true });
    expect(await hitRateLimit(t.db, 'sign-in:ip', a, clock.now())).toEqual({ allowed: true });
  });

  it('starts counting again when a new window begins', async () => {
    const clock = testClock();
    const { email } = uniqueIdentity();
    for (let i = 0; i < 3; i++) await hitRateLimit(t.db, 'verify:account', email, clock.now());
    const firstWindow = clock.now();
    expect(await hitRateLimit(t.db, 'verify:account', email, clock.advance(14 * MINUTE + 59_000))).toMatchObject({ allowed: false });

    expect(await hitRateLimit(t.db, 'verify:account', email, clock.advance(1000))).toEqual({ allowed: true });
    expect(await hits(t.db, `verify:account:${email}`, firstWindow)).toBe(4);
    expect(await hits(t.db, `verify:account:${email}`, clock.now())).toBe(1);
  });

  it('shares counts between two server instances on one database', async () => {
    const clock = testClock();
    const { ipAddress } = uniqueIdentity();
    const instanceA = t.db;
    const instanceB = t.anotherHandle().db;

    for (let i = 0; i < 5; i++) await hitRateLimit(instanceA, 'link:ip', ipAddress, clock.now());
    for (let i = 0; i < 5; i++) await hitRateLimit(instanceB, 'link:ip', ipAddress, clock.now());

    expect(await hitRateLimit(instanceA, 'link:ip', ipAddress, clock.now())).toMatchObject({ allowed: false });
    expect(await hitRateLimit(instanceB, 'link:ip', ipAddress, clock.now())).toMatchObject({ allowed: false });
  });

  it('allows exactly the limit when 30 attempts arrive at once', async () => {
    const clock = testClock();
    const { ipAddress } = uniqueIdentity();
    const handles = [t.db, t.anotherHandle().db];

    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => hitRateLimit(handles[i % 2]!, 'register:ip', ipAddress, clock.now())),
    );

    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(await hits(t.db, `register:ip:${ipAddress}`, clock.now())).toBe(30);
  });
});

describe('pruneRateLimits', () => {
  it('forgets windows that have ended and keeps the current ones', async () => {
    const clock = testClock(new Date('2026-03-05T09:00:00.000Z'));
    const { ipAddress } = uniqueIdentity();
    const old = clock.now();
    await hitRateLimit(t.db, 'register:ip', ipAddress, old);
    clock.advance(3 * HOUR);
    await hitRateLimit(t.db, 'register:ip', ipAddress, clock.now());

    await pruneRateLimits(t.db, clock.now());

    expect(await hits(t.db, `register:ip:${ipAddress}`, old)).toBeUndefined();
    expect(await hits(t.db, `register:ip:${ipAddress}`, clock.now())).toBe(1);
  });
});
