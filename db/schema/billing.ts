// Executives Club memberships. One row per subscription, kept in step with the payment
// provider (Stripe), or created by the demo seed.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const SUBSCRIPTION_STATUSES = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const subscriptions = pgTable(
  'subscriptions',
  {
    /** The provider's id (Stripe's sub_…), or demo-… for seeded ones. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').$type<SubscriptionStatus>().notNull(),
    /** "monthly" or "yearly". */
    plan: text('plan').notNull(),
    priceId: text('price_id'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }).notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    /** When the subscription became past_due; access lasts a grace period from here. */
    pastDueSince: timestamp('past_due_since', { withTimezone: true }),
    /**
     * The story (its slug) the reader was reading when they went to join, carried through the
     * Checkout Session's metadata; set when the row is created and never cleared afterwards.
     */
    sourceStorySlug: text('source_story_slug'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('subscriptions_user').on(t.userId),
    // The desk counts joins per story in a time window; only attributed rows are indexed.
    index('subscriptions_source_story_created').on(t.createdAt, t.sourceStorySlug).where(sql`${t.sourceStorySlug} is not null`),
    check('subscriptions_plan_known', sql`${t.plan} in ('monthly', 'yearly')`),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;

/**
 * A credit pack bought through Stripe Checkout: what was bought, at which price, and how many
 * of its credits a refund or dispute has taken back since. The credits granted come from the
 * configured pack of the price, never from the payment's metadata.
 */
export const creditPurchases = pgTable(
  'credit_purchases',
  {
    /** Stripe's Checkout Session id (cs_…); also the purchase's ledger payment_ref. */
    checkoutSessionId: text('checkout_session_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Stripe's PaymentIntent id (pi_…), by which refunds and disputes find the purchase. */
    paymentIntentId: text('payment_intent_id').unique(),
    priceId: text('price_id').notNull(),
    credits: integer('credits').notNull(),
    /** Credits taken back so far by refunds and disputes (never more than `credits`). */
    creditsReversed: integer('credits_reversed').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('credit_purchases_user').on(t.userId),
    check('credit_purchases_credits_positive', sql`${t.credits} > 0`),
    check('credit_purchases_reversed_in_range', sql`${t.creditsReversed} between 0 and ${t.credits}`),
  ],
);

export type CreditPurchase = typeof creditPurchases.$inferSelect;
