// Credits: every change is a ledger row with a reason; the balance on the user row is kept
// equal to the ledger's sum in the same transaction, and a constraint keeps it at zero or
// above.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Positive for grants, negative for spending. */
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    /** The story an unlock or refund was for. */
    articleSlug: text('article_slug'),
    /** The payment a purchase came from (Stripe Checkout Session id); granted once. */
    paymentRef: text('payment_ref'),
    /** The month a monthly refill was for ("2026-11"); granted once per month. */
    period: text('period'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_ledger_user').on(t.userId, t.createdAt),
    check('credit_ledger_amount_nonzero', sql`${t.amount} <> 0`),
    check('credit_ledger_reason_known', sql`${t.reason} in ('welcome', 'monthly', 'purchase', 'unlock', 'refund', 'admin')`),
    uniqueIndex('credit_ledger_one_welcome').on(t.userId).where(sql`${t.reason} = 'welcome'`),
    uniqueIndex('credit_ledger_one_refill_per_month').on(t.userId, t.period).where(sql`${t.reason} = 'monthly'`),
    uniqueIndex('credit_ledger_payment_once').on(t.paymentRef).where(sql`${t.reason} = 'purchase'`),
    // A refund or dispute (its Stripe id is the payment reference) takes credits back once.
    uniqueIndex('credit_ledger_refund_once').on(t.paymentRef).where(sql`${t.reason} = 'refund' and ${t.paymentRef} is not null`),
  ],
);

/** A story a reader unlocked, for good. One row per reader and story. */
export const unlocks = pgTable(
  'unlocks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.articleSlug] }),
    // The desk counts unlocks per story in a time window.
    index('unlocks_created_story').on(t.createdAt, t.articleSlug),
  ],
);

export type LedgerEntry = typeof creditLedger.$inferSelect;
export type Unlock = typeof unlocks.$inferSelect;
