// Credit grants and spending. Each change is one ledger row and the matching change of the
// user's balance, in one transaction; unique indexes make welcome, monthly and purchase
// grants happen once however often they are attempted.
import { and, desc, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { creditLedger, unlocks, users, type LedgerEntry } from '../../../db/schema/index.ts';
import { CREDIT_CONFIG, type LedgerReason } from '../../lib/credits/credit-config.ts';
import { refillAmount, refillPeriod } from '../../lib/credits/monthly-refill.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Executor = Db | Tx;

export interface Grant {
  amount: number;
  reason: Exclude<LedgerReason, 'unlock'>;
  articleSlug?: string | null;
  paymentRef?: string | null;
  period?: string | null;
}

/** Adds a ledger row and moves the balance; false when a unique rule says it was already granted. */
export async function applyGrant(tx: Executor, userId: string, grant: Grant, now: Date): Promise<boolean> {
  const inserted = await tx
    .insert(creditLedger)
    .values({ userId, amount: grant.amount, reason: grant.reason, articleSlug: grant.articleSlug ?? null, paymentRef: grant.paymentRef ?? null, period: grant.period ?? null, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: creditLedger.id });
  if (inserted.length === 0) return false;
  await tx.update(users).set({ creditBalance: sql`${users.creditBalance} + ${grant.amount}` }).where(eq(users.id, userId));
  return true;
}

/**
 * Takes up to `max` credits back for a refund or dispute (its Stripe id is the payment
 * reference): never more than the reader holds, so the balance never goes below zero; once per
 * reference, whatever the retries. Returns what was taken. Run inside the caller's transaction.
 */
export async function takeBack(tx: Tx, userId: string, max: number, paymentRef: string, now: Date): Promise<number> {
  // Locked, so an unlock at the same moment waits and the amount is decided on the real balance.
  const [reader] = await tx.select({ balance: users.creditBalance }).from(users).where(eq(users.id, userId)).for('update');
  const amount = Math.min(max, reader?.balance ?? 0);
  if (amount <= 0) return 0;
  const inserted = await tx
    .insert(creditLedger)
    .values({ userId, amount: -amount, reason: 'refund', paymentRef, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: creditLedger.id });
  if (inserted.length === 0) return 0;
  await tx.update(users).set({ creditBalance: sql`${users.creditBalance} - ${amount}` }).where(eq(users.id, userId));
  return amount;
}

/**
 * Whether the monthly refill may be due for this reader row (read with the session). When
 * it says no, no query is needed; when it says yes, applyMonthlyRefill settles it.
 */
export function refillMayBeDue(user: { emailVerifiedAt: Date | null; refillPeriod: string | null }, now: Date): boolean {
  return user.emailVerifiedAt !== null && user.refillPeriod !== refillPeriod(now);
}

/**
 * The lazy monthly refill for a verified reader: at most once per calendar month, never
 * above the cap. Cheap when nothing is due: one conditional UPDATE that matches no row.
 */
export async function applyMonthlyRefill(db: Db, userId: string, now: Date): Promise<number> {
  const period = refillPeriod(now);
  return db.transaction(async (tx) => {
    // Claim the period first: only one request per reader and month gets past this line.
    const [claimed] = await tx
      .update(users)
      .set({ refillPeriod: period })
      .where(and(eq(users.id, userId), sql`${users.emailVerifiedAt} is not null`, or(isNull(users.refillPeriod), ne(users.refillPeriod, period))))
      .returning({ balance: users.creditBalance });
    if (!claimed) return 0;
    const amount = refillAmount(claimed.balance);
    if (amount <= 0) return 0;
    const granted = await applyGrant(tx, userId, { amount, reason: 'monthly', period }, now);
    return granted ? amount : 0;
  });
}

export type UnlockOutcome = 'unlocked' | 'already-unlocked' | 'no-credits';

class NoCredits extends Error {}

/**
 * Unlocks a story for a reader in one transaction: records (reader, story) once and debits
 * one credit through the ledger. A second unlock costs nothing; a balance never goes below
 * zero (the UPDATE only matches a balance that covers the cost, and a CHECK backs it up).
 */
export async function unlockStory(db: Db, userId: string, articleSlug: string, now: Date): Promise<UnlockOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const inserted = await tx.insert(unlocks).values({ userId, articleSlug, createdAt: now }).onConflictDoNothing().returning({ slug: unlocks.articleSlug });
      if (inserted.length === 0) return 'already-unlocked' as const;
      const cost = CREDIT_CONFIG.unlockCost;
      const debited = await tx
        .update(users)
        .set({ creditBalance: sql`${users.creditBalance} - ${cost}` })
        .where(and(eq(users.id, userId), gte(users.creditBalance, cost)))
        .returning({ balance: users.creditBalance });
      if (debited.length === 0) throw new NoCredits();
      await tx.insert(creditLedger).values({ userId, amount: -cost, reason: 'unlock', articleSlug, createdAt: now });
      return 'unlocked' as const;
    });
  } catch (error) {
    if (error instanceof NoCredits) return 'no-credits';
    throw error;
  }
}

export async function ledgerHistory(db: Db, userId: string, limit = 50): Promise<LedgerEntry[]> {
  return db.select().from(creditLedger).where(eq(creditLedger.userId, userId)).orderBy(desc(creditLedger.createdAt), desc(creditLedger.id)).limit(limit);
}

/** The ledger's sum, to check the balance against (tests, audits). */
export async function ledgerSum(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ sum: sql<string>`coalesce(sum(${creditLedger.amount}), 0)` }).from(creditLedger).where(eq(creditLedger.userId, userId));
  return Number(row?.sum ?? 0);
}

/** The reader as of now: if the monthly refill was due it is applied and the row re-read. */
export async function readerAfterRefill<U extends { id: string; emailVerifiedAt: Date | null; refillPeriod: string | null; creditBalance: number }>(db: Db, user: U, now: Date): Promise<U> {
  if (!refillMayBeDue(user, now) || (await applyMonthlyRefill(db, user.id, now)) === 0) return user;
  // Only what the refill changed: the page keeps the reader it was handed (no password hash).
  const [fresh] = await db.select({ creditBalance: users.creditBalance, refillPeriod: users.refillPeriod }).from(users).where(eq(users.id, user.id)).limit(1);
  return fresh ? { ...user, ...fresh } : user;
}
