// The durable outbox: every e-mail is a job stored in the database and sent in the background,
// so a request never waits for the mail server and a crash or an SMTP outage loses nothing.
// A job says what to write, not the message: links are made when the job is sent, so no
// link's secret ever rests in the database.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const mailJobs = pgTable(
  'mail_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Which message this is (see src/server/mail/mail-jobs.ts). */
    kind: text('kind').notNull(),
    /** What the message needs at sending time: addresses, ids, where to go next. Never a token. */
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Not sent before this time (backoff after a failure). */
    runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A worker holds the job until this time; past it, another may take it. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set when the job gave up after its last attempt (dead letter). */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('mail_jobs_due').on(t.runAfter, t.id).where(sql`${t.sentAt} is null and ${t.failedAt} is null`)],
);

export type MailJobRow = typeof mailJobs.$inferSelect;
