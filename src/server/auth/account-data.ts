// A reader's own data: everything Masthead holds about them as JSON, and erasing it.
import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { creditLedger, rateLimits, subscriptions, unlocks, users, type User } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import { verifyPassword } from './password-hash.ts';
import { listUserSessions } from './sessions.ts';

export async function exportAccountData(db: Db, user: User, now: Date) {
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

/**
 * Deletes the account after the reader re-enters their password. Sessions and links go
 * with it (foreign keys cascade), and rate-limit counters keyed by the address are erased.
 */
export async function deleteAccount(db: Db, user: User, password: string): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, password))) throw new AuthError('wrong-password');
  await db.transaction(async (tx) => {
    await tx.delete(rateLimits).where(or(sql`${rateLimits.bucket} like ${'%:' + user.email}`, sql`${rateLimits.bucket} like ${'%:' + user.id}`));
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
