// Stripe's side of billing: which Stripe customer a reader is, and every webhook event
// received, stored by its id so that each is processed once whatever Stripe resends.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const billingCustomers = pgTable('billing_customers', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const stripeEvents = pgTable(
  'stripe_events',
  {
    /** Stripe's event id (evt_…). */
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When an instance last took the event in hand; a claim older than a few minutes is stale. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** Set when handled (or deliberately skipped); null while in progress or after a failure. */
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** processed | skipped | ignored | failed, and why. */
    outcome: text('outcome'),
    note: text('note'),
    payload: jsonb('payload').notNull(),
  },
  (t) => [index('stripe_events_type').on(t.type)],
);
