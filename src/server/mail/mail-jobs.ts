// The outbox's verbs, as I/O with the database passed in: enqueue a job (inside the request's
// transaction where there is one), claim due jobs, mark them sent, failed or given back.
// A job says what to write, never a link: the worker makes links when it sends (see
// compose-mail.ts), so no link secret rests in the database.
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { mailJobs, type MailJobRow } from '../../../db/schema/index.ts';
import { afterFailure } from '../../lib/mail/retry-schedule.ts';

/** Each kind of e-mail and what it needs at sending time. */
export type MailJob =
  /** A registration's confirmation link; `passwordHash` is that registration's password (see registration.ts). */
  | { kind: 'verify-email'; payload: { userId: string; email: string; next: string; passwordHash?: string | undefined } }
  /** Someone registered an address that already has an account: tell its owner. */
  | { kind: 'account-exists'; payload: { email: string; next: string } }
  /** A sign-in link, if the address has an account (looked up when sending). */
  | { kind: 'sign-in-link'; payload: { email: string; next: string } }
  /** A password-reset link, if the address has an account (looked up when sending). */
  | { kind: 'reset-link'; payload: { email: string; next: string } }
  /** The link confirming a new address, sent to the new address; `email` is the account's address when asked. */
  | { kind: 'change-email'; payload: { userId: string; email: string; newEmail: string } }
  /** Security notices, to the address the account had when it happened. */
  | { kind: 'password-changed'; payload: { email: string } }
  | { kind: 'email-change-requested'; payload: { email: string; newEmail: string } }
  | { kind: 'email-changed'; payload: { email: string; newEmail: string } }
  | { kind: 'account-deleted'; payload: { email: string } }
  /** A refund or dispute of a credit pack took `credits` unused credits back (payment-reversals.ts). */
  | { kind: 'credits-taken-back'; payload: { email: string; credits: number; cause: 'refund' | 'dispute' } };

/** How long a claimed job is held: longer than the SMTP timeouts of one send put together (mailer.ts). */
export const CLAIM_HOLD_MS = 2 * 60_000;

/** Writes the job; pass the transaction whose change it reports, so both happen or neither. */
export async function enqueueMail(db: Db, job: MailJob, now: Date): Promise<void> {
  await db.insert(mailJobs).values({ kind: job.kind, payload: job.payload, createdAt: now, runAfter: now });
}

/**
 * Takes up to `limit` due jobs in one statement and holds them for CLAIM_HOLD_MS. SKIP LOCKED
 * lets several workers (instances) claim at once without taking the same job; the attempt is
 * counted here, so a worker that dies while sending still uses up one of the job's attempts.
 */
export async function claimMailJobs(db: Db, now: Date, limit: number): Promise<MailJobRow[]> {
  const due = db
    .select({ id: mailJobs.id })
    .from(mailJobs)
    .where(
      and(
        isNull(mailJobs.sentAt),
        isNull(mailJobs.failedAt),
        lte(mailJobs.runAfter, now),
        or(isNull(mailJobs.lockedUntil), lt(mailJobs.lockedUntil, now)),
      ),
    )
    .orderBy(mailJobs.runAfter, mailJobs.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(mailJobs)
    .set({ lockedUntil: new Date(now.getTime() + CLAIM_HOLD_MS), attempts: sql`${mailJobs.attempts} + 1` })
    .where(inArray(mailJobs.id, due))
    .returning();
  // RETURNING follows no order: sort, so mail goes out in the order it was queued (a reader who
  // registers twice gets the two confirmation links in that order).
  return claimed.sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime() || a.id - b.id);
}

/**
 * Done: sent, or nothing to send (no such account). The payload is emptied: once the message
 * is gone, the outbox has no reason to keep an address or a password hash.
 */
export async function completeMailJob(db: Db, id: number, now: Date): Promise<void> {
  await db.update(mailJobs).set({ sentAt: now, lockedUntil: null, lastError: null, payload: {} }).where(eq(mailJobs.id, id));
}

/** A failed attempt: try again later, or give up after the last attempt (or at once when `permanent`). */
export async function failMailJob(db: Db, job: Pick<MailJobRow, 'id' | 'attempts'>, error: string, now: Date, permanent = false): Promise<void> {
  const next = permanent ? ({ deadLetter: true } as const) : afterFailure(job.attempts, now);
  const lastError = error.slice(0, 1000);
  await db
    .update(mailJobs)
    .set('deadLetter' in next ? { failedAt: now, lockedUntil: null, lastError } : { runAfter: next.retryAt, lockedUntil: null, lastError })
    .where(eq(mailJobs.id, job.id));
}

/**
 * Forgets jobs finished (sent or given up) before `before`. Sent ones hold nothing personal
 * any more, but a given-up job keeps its payload (an address) for diagnosis: not for ever.
 */
export async function purgeFinishedMailJobs(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(mailJobs)
    .where(or(lt(mailJobs.sentAt, before), lt(mailJobs.failedAt, before)))
    .returning({ id: mailJobs.id });
  return gone.length;
}

/** Gives claimed jobs back untried (the worker is stopping): due again at once, the attempt not counted. */
export async function releaseMailJobs(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(mailJobs)
    .set({ lockedUntil: null, attempts: sql`${mailJobs.attempts} - 1` })
    .where(and(inArray(mailJobs.id, [...ids]), isNull(mailJobs.sentAt)));
}

/** For a command with no transaction of its own: writes the job, then tells the outbox (see AuthDeps.mail). */
export async function queueMail(deps: { db: Db; now: Date; mail: { queued(): Promise<void> } }, job: MailJob): Promise<void> {
  await enqueueMail(deps.db, job, deps.now);
  await deps.mail.queued();
}
