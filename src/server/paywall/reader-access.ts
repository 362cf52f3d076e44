// Gathers the facts the entitlement rule needs about one signed-in reader and one story,
// and the reader's unlocked stories and memberships for the account page.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { subscriptions, unlocks, type Subscription, type Unlock, type User } from '../../../db/schema/index.ts';
import { hasActiveMembership } from '../../lib/paywall/membership.ts';
import { serverEnv } from '../auth/request-context.ts';
import { resolveEntitlement, type EntitlementState, type ReaderFacts } from '../../lib/paywall/entitlement.ts';

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

export async function readerFacts(db: Db, user: User, articleSlug: string, now: Date, graceDays = serverEnv().graceDays): Promise<ReaderFacts> {
  const [subs, unlocked] = await Promise.all([readerSubscriptions(db, user.id), hasUnlocked(db, user.id, articleSlug)]);
  return {
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    creditBalance: user.creditBalance,
    isMember: hasActiveMembership(subs, now, graceDays),
    hasUnlocked: unlocked,
  };
}

/** The entitlement state of a reader (null: anonymous) for a story. */
export async function entitlementFor(db: Db, user: User | null, articleSlug: string, now: Date): Promise<{ state: EntitlementState; facts: ReaderFacts | null }> {
  if (!user) return { state: 'anonymous', facts: null };
  const facts = await readerFacts(db, user, articleSlug, now);
  return { state: resolveEntitlement(facts), facts };
}
