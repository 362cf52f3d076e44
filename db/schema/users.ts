// Readers' accounts and their sessions.
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Raw bytes; PostgreSQL bytea. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Normalised (trimmed, lower-case); unique. */
    email: text('email').notNull(),
    /** When the reader proved they own `email`; null until then. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** argon2id hash (PHC string). */
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name'),
    role: text('role').$type<Role>().notNull().default('reader'),
    /** Always equal to the sum of the reader's credit_ledger rows; never below zero. */
    creditBalance: integer('credit_balance').notNull().default(0),
    /** The month ("2026-11") the monthly refill last considered; the next one is due after it. */
    refillPeriod: text('refill_period'),
    /**
     * The story (its slug) the reader was reading when they started registering, taken from
     * the sign-up's `next` path and checked against the stories at the time; null when they
     * came from elsewhere. Counted on the editors' desk.
     */
    signupStorySlug: text('signup_story_slug'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_role_known', sql`${t.role} in ('reader', 'editor', 'admin')`),
    check('users_credit_balance_not_negative', sql`${t.creditBalance} >= 0`),
    // The desk counts sign-ups per story in a time window; only attributed rows are indexed.
    index('users_signup_story_created').on(t.createdAt, t.signupStorySlug).where(sql`${t.signupStorySlug} is not null`),
  ],
);

/**
 * One signed-in browser. The cookie holds `<id>.<secret>`; only SHA-256 of the secret is
 * stored, so a copy of this table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Written at most hourly; the inactivity timeout counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Shown in the account's list of sessions. */
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
  },
  (t) => [index('sessions_user_id').on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
