// Readers in a given state, written straight to the database, for paywall tests.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { subscriptions, users, type User } from '../../db/schema/index.ts';
import { markEmailVerified } from '../../src/server/auth/verification.ts';
import { applyGrant } from '../../src/server/credits/ledger.ts';
import { uniqueIdentity } from './test-db.ts';

export interface ReaderOptions {
  verified?: boolean;
  /** Balance after verification (welcome credits are adjusted through the ledger). */
  credits?: number;
  role?: User['role'];
  membership?: { status: string; currentPeriodEnd: Date; cancelAtPeriodEnd?: boolean; pastDueSince?: Date | null };
}

export async function createReader(db: Db, now: Date, options: ReaderOptions = {}): Promise<User> {
  const { email } = uniqueIdentity('paywall');
  const [user] = await db.insert(users).values({ email, passwordHash: 'not-a-real-hash', role: options.role ?? 'reader' }).returning();
  if (!user) throw new Error('could not create reader');
  if (options.verified ?? true) {
    await markEmailVerified(db, user.id, email, now);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    const adjust = (options.credits ?? row!.creditBalance) - row!.creditBalance;
    if (adjust !== 0) await applyGrant(db, user.id, { amount: adjust, reason: 'admin' }, now);
  }
  if (options.membership) {
    await db.insert(subscriptions).values({
      id: `test-${user.id}`,
      userId: user.id,
      status: options.membership.status as 'active',
      plan: 'monthly',
      currentPeriodEnd: options.membership.currentPeriodEnd,
      cancelAtPeriodEnd: options.membership.cancelAtPeriodEnd ?? false,
      pastDueSince: options.membership.pastDueSince ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }
  const [fresh] = await db.select().from(users).where(eq(users.id, user.id));
  return fresh!;
}

export async function balanceOf(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId));
  return row?.balance ?? -1;
}
