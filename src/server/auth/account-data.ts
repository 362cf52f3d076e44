// A reader's own data: everything Masthead holds about them as JSON, and erasing it.
import { eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { creditLedger, rateLimits, subscriptions, unlocks, users } from '../../../db/schema/index.ts';
import { accountRateLimitBuckets } from '../../lib/auth/account-rate-limit-buckets.ts';
import { confirmPassword } from './confirm-password.ts';
import type { AuthDeps } from './deps.ts';
import { enqueueMail } from '../mail/mail-jobs.ts';
import { cancelMembershipsAtStripe, chargeableSubscriptionIds, MembershipNotCancelledError } from '../billing/cancel-memberships.ts';
import { listUserSessions } from './sessions.ts';
import type { Reader } from './sessions.ts';

export async function exportAccountData(db: Db, user: Reader, now: Date) {
  const [sessions, ledger, unlocked, memberships] = await Promise.all([
    listUserSessions(db, user.id, now),
    db.select().from(creditLedger).where(eq(creditLedger.userId, user.id)).orderBy(creditLedger.createdAt),
    db.select().from(unlocks).where(eq(unlocks.userId, user.id)).orderBy(unlocks.createdAt),
    db.select().from(subscriptions).where(eq(subscriptions.userId, user.id)),
  ]);
  return {
    exportedAt: now.toISOString(),
    account: {
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      displayName: user.displayName,
      role: user.role,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    },
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
      ipAddress: s.ipAddress,
    })),
    credits: {
      balance: user.creditBalance,
      ledger: ledger.map((e) => ({ at: e.createdAt.toISOString(), amount: e.amount, reason: e.reason, story: e.articleSlug, payment: e.paymentRef })),
    },
    unlockedStories: unlocked.map((u) => ({ story: u.articleSlug, at: u.createdAt.toISOString() })),
    memberships: memberships.map((m) => ({
      plan: m.plan,
      status: m.status,
      currentPeriodEnd: m.currentPeriodEnd.toISOString(),
      cancelAtPeriodEnd: m.cancelAtPeriodEnd,
    })),
  };
}

/** What deleting an account needs: `stripe` to cancel a Club membership (undefined when payments are off). */
export type AccountDeletionDeps = Pick<AuthDeps, 'db' | 'now' | 'mail'> & { stripe?: Stripe | undefined };

/**
 * Deletes the account after the reader re-enters their password, checked under the same
 * limit as signing in. A Club subscription Stripe may still charge for is cancelled there
 * first, at once; if that fails nothing is deleted (MembershipNotCancelledError). Sessions
 * and links go with the account (foreign keys cascade), and the account's rate-limit
 * counters are erased by their exact keys. The welcome-credit record (a keyed hash of the
 * address, welcome-grants.ts) stays, by design: docs/privacy.md.
 */
export async function deleteAccount(deps: AccountDeletionDeps, user: Reader, password: string): Promise<void> {
  await confirmPassword(deps, user, password);
  const cancelled = await cancelMembershipsAtStripe(deps.db, deps.stripe, user.id, deps.now);
  await deps.db.transaction(async (tx) => {
    // Locked, so that no membership can be recorded for the account from here on (its row
    // references the user); one recorded since the cancellations above stops the deletion.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
    const uncancelled = (await chargeableSubscriptionIds(tx, user.id)).filter((id) => !cancelled.includes(id));
    if (uncancelled.length > 0) throw new MembershipNotCancelledError('started-meanwhile');
    await tx.delete(rateLimits).where(inArray(rateLimits.bucket, accountRateLimitBuckets(user)));
    await tx.delete(users).where(eq(users.id, user.id));
    // The notice carries the address itself: the account it belonged to is gone.
    await enqueueMail(tx, { kind: 'account-deleted', payload: { email: user.email } }, deps.now);
  });
  await deps.mail.queued();
}
