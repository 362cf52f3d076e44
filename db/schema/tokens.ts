// Single-use links sent by e-mail: verify an address, sign in, reset a password, confirm a
// new address. Like sessions, the link carries `<id>.<secret>` and only a hash is stored.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea, users } from './users.ts';

export const TOKEN_PURPOSES = ['verify-email', 'sign-in', 'reset-password', 'change-email'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<TokenPurpose>().notNull(),
    /** The address the link was sent to (the new one, for change-email). */
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the link is used; a used link never works again. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    /**
     * For a verify-email link made by a registration: the argon2id hash of the password given
     * with that registration. Using the link makes it the account's password, so whoever
     * registered someone else's address first cannot keep a password of their own.
     */
    passwordHash: text('password_hash'),
  },
  (t) => [index('email_tokens_user_purpose').on(t.userId, t.purpose)],
);
