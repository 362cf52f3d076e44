// Gathers the facts the entitlement rule needs about one signed-in reader and one story,
// and the reader's unlocked stories and memberships for the account page.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { subscriptions, unlocks, users, type Subscription, type Unlock } from '../../../db/schema/index.ts';
import { hasActiveMembership } from '../../lib/paywall/membership.ts';
import { serverEnv } from '../auth/request-context.ts';
import { resolveEntitlement, type EntitlementState, type ReaderFacts } from '../../lib/paywall/entitlement.ts';
import type { Reader } from '../auth/sessions.ts';

export async function readerSubscriptions(db: Db, userId: string): Promise<Subscription[]> {
  return db.select().from(subscriptions).where(eq(subscriptions.userId, userId)).orderBy(desc(subscriptions.updatedAt));
}

export async function hasUnlocked(db: Db, userId: string, articleSlug: string): Promise<boolean> {
  const rows = await db.select({ slug: unlocks.articleSlug }).from(unlocks).where(and(eq(unlocks.userId, userId), eq(unlocks.articleSlug, articleSlug))).limit(1);
  return rows.length > 0;
}

export async function readerUnlocks(db: Db, userId: string): Promise<Unlock[]> {
  return db.select().from(unlocks).where(eq(unlocks.userId, userId)).orderBy(desc(unlocks.createdAt));
}

/**
 * What the entitlement rule needs about a reader and a story beyond their row: their
 * memberships (none: one row of nulls) and whether they unlocked it (the story's slug is the
 * placeholder `slug`). Selected beside the reader here and beside the session in
 * ./reader-for-page.ts.
 */
export const ACCESS_COLUMNS = {
  status: subscriptions.status,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
  cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
  pastDueSince: subscriptions.pastDueSince,
  unlocked: sql<boolean>`exists (select 1 from ${unlocks} where ${unlocks.userId} = ${users.id} and ${unlocks.articleSlug} = ${sql.placeholder('slug')})`,
};

type AccessRow = { status: Subscription['status'] | null; currentPeriodEnd: Date | null; cancelAtPeriodEnd: boolean | null; pastDueSince: Date | null; unlocked: boolean };

/** The entitlement rule's facts from the reader's row and their ACCESS_COLUMNS rows. */
export function factsFromAccessRows(user: Pick<Reader, 'role' | 'emailVerifiedAt' | 'creditBalance'>, rows: readonly AccessRow[], now: Date, graceDays: number): ReaderFacts {
  const subs = rows.flatMap((r) => (r.status && r.currentPeriodEnd ? [{ status: r.status, currentPeriodEnd: r.currentPeriodEnd, cancelAtPeriodEnd: Boolean(r.cancelAtPeriodEnd), pastDueSince: r.pastDueSince }] : []));
  return {
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    creditBalance: user.creditBalance,
    isMember: hasActiveMembership(subs, now, graceDays),
    // PGlite may hand a boolean expression back as 't'.
    hasUnlocked: rows.some((r) => r.unlocked === true || (r.unlocked as unknown) === 't'),
  };
}

// What an article view needs in one round trip, prepared once per database handle.
function prepareAccessLookup(db: Db) {
  return db.select(ACCESS_COLUMNS).from(users).leftJoin(subscriptions, eq(subscriptions.userId, users.id)).where(eq(users.id, sql.placeholder('userId'))).prepare('masthead_reader_access');
}
const accessLookups = new WeakMap<Db, ReturnType<typeof prepareAccessLookup>>();

export async function readerFacts(db: Db, user: Reader, articleSlug: string, now: Date, graceDays = serverEnv().graceDays): Promise<ReaderFacts> {
  let lookup = accessLookups.get(db);
  if (!lookup) accessLookups.set(db, (lookup = prepareAccessLookup(db)));
  return factsFromAccessRows(user, await lookup.execute({ userId: user.id, slug: articleSlug }), now, graceDays);
}

/** The entitlement state of a reader (null: anonymous) for a story. */
export async function entitlementFor(db: Db, user: Reader | null, articleSlug: string, now: Date): Promise<{ state: EntitlementState; facts: ReaderFacts | null }> {
  if (!user) return { state: 'anonymous', facts: null };
  if (user.role === 'editor' || user.role === 'admin') {
    // The rule decides on the role before any other fact: no query is needed to know.
    const facts: ReaderFacts = { role: user.role, emailVerified: user.emailVerifiedAt !== null, creditBalance: user.creditBalance, isMember: false, hasUnlocked: false };
    return { state: resolveEntitlement(facts), facts };
  }
  const facts = await readerFacts(db, user, articleSlug, now);
  return { state: resolveEntitlement(facts), facts };
}
