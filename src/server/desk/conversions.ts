// What each story led to in a time window, counted from rows the system writes anyway:
// accounts that record the story their sign-up started from, unlocks, and memberships that
// record the story their Checkout started from. No tracker, no extra writes.
//
// A deleted account takes its rows with it (users, unlocks and subscriptions cascade), so its
// registration, unlocks and join drop out of the counts. That is intended: deleting an account
// deletes what it did, and the desk's figures are never a way around that.
import { and, count, gte, isNotNull, lt, notInArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { subscriptions, unlocks, users } from '../../../db/schema/index.ts';
import type { StoryCounts } from '../../lib/desk/conversion-report.ts';

export type { StoryCounts } from '../../lib/desk/conversion-report.ts';

/** Memberships whose first payment never went through are not joins. */
const NEVER_PAID = ['incomplete', 'incomplete_expired'] as const;

interface SlugCount {
  slug: string | null;
  n: number;
}

function inWindow(createdAt: PgColumn, since: Date, until: Date): SQL | undefined {
  return and(gte(createdAt, since), lt(createdAt, until));
}

function registrationsBySlug(db: Db, since: Date, until: Date): Promise<SlugCount[]> {
  return db
    .select({ slug: users.signupStorySlug, n: count() })
    .from(users)
    .where(and(isNotNull(users.signupStorySlug), inWindow(users.createdAt, since, until)))
    .groupBy(users.signupStorySlug);
}

function unlocksBySlug(db: Db, since: Date, until: Date): Promise<SlugCount[]> {
  return db
    .select({ slug: unlocks.articleSlug, n: count() })
    .from(unlocks)
    .where(inWindow(unlocks.createdAt, since, until))
    .groupBy(unlocks.articleSlug);
}

function joinsBySlug(db: Db, since: Date, until: Date): Promise<SlugCount[]> {
  return db
    .select({ slug: subscriptions.sourceStorySlug, n: count() })
    .from(subscriptions)
    .where(and(isNotNull(subscriptions.sourceStorySlug), inWindow(subscriptions.createdAt, since, until), notInArray(subscriptions.status, [...NEVER_PAID])))
    .groupBy(subscriptions.sourceStorySlug);
}

/** Counts per story slug for rows created in [since, until). Stories with no activity are absent. */
export async function conversionsBySlug(db: Db, since: Date, until: Date): Promise<Map<string, StoryCounts>> {
  // Also false for an invalid Date (NaN), which would otherwise count nothing without a word.
  if (!(since.getTime() <= until.getTime())) {
    throw new RangeError(`conversionsBySlug needs valid dates with since <= until; got since ${String(since)}, until ${String(until)}.`);
  }
  // One after another: PGlite runs one query at a time anyway, and a pooled PostgreSQL gains
  // little for three index range scans.
  const registrations = await registrationsBySlug(db, since, until);
  const unlocked = await unlocksBySlug(db, since, until);
  const joins = await joinsBySlug(db, since, until);
  const bySlug = new Map<string, StoryCounts>();
  const add = (rows: SlugCount[], metric: keyof StoryCounts) => {
    for (const { slug, n } of rows) {
      if (slug === null) continue;
      const counts = bySlug.get(slug) ?? { registrations: 0, unlocks: 0, joins: 0 };
      counts[metric] += Number(n);
      bySlug.set(slug, counts);
    }
  };
  add(registrations, 'registrations');
  add(unlocked, 'unlocks');
  add(joins, 'joins');
  return bySlug;
}
