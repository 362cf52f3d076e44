// Welcome credits are granted once per address, for good: a keyed hash of the address (never
// the address itself) stays after the account is deleted, so deleting and registering again
// does not grant them twice. The key is the site's own, kept in site_secrets.
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './users.ts';

export const welcomeGrants = pgTable('welcome_grants', {
  /** HMAC-SHA-256 (hex) of the address as normalised for this check (lower case, no +tag). */
  addressKey: text('address_key').primaryKey(),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
});

/** Secrets the site makes for itself on first use and every instance shares (by name). */
export const siteSecrets = pgTable('site_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
