// The durable outbox, sent to a real SMTP listener: a job is delivered once, links are made
// only when sent, a mail server that is down costs a retry (not the mail), a job that can
// never go out is given up with its error kept, two workers on one database never send a job
// twice, and a stopping worker gives back what it has not tried. PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { emailTokens, mailJobs, users } from '../../db/schema/index.ts';
import { requestSignInLink, signInWithLink } from '../../src/server/auth/sign-in.ts';
import { insertUser } from '../../src/server/auth/users.ts';
import type { AuthDeps } from '../../src/server/auth/deps.ts';
import { claimMailJobs, enqueueMail } from '../../src/server/mail/mail-jobs.ts';
import { smtpMailer, type Mailer } from '../../src/server/mail/mailer.ts';
import { drainMailJobs, startMailWorker } from '../../src/server/mail/mail-worker.ts';
import { MAX_MAIL_ATTEMPTS, retryDelayMs } from '../../src/lib/mail/retry-schedule.ts';
import type { CaughtMail } from '../support/mail-catcher.ts';
import { outboxTestBed } from '../support/outbox-test-bed.ts';
import type { SmtpGate } from '../support/smtp-gate.ts';
import {
  MINUTE, TEST_PUBLICATION, TEST_SITE_URL, testMailWorkerDeps,
  type TestClock, type TestDatabase,
} from '../support/test-db.ts';

const META = { ipAddress: '203.0.113.9' };
const FROM = 'Masthead <news@news.example.test>';

const bed = outboxTestBed();
// This test's database, clock, SMTP gate and received mail, under short names.
let t: TestDatabase;
let clock: TestClock;
let gate: SmtpGate;
let received: CaughtMail[];
beforeEach(() => ({ t, clock, gate, received } = bed));

/** Account commands whose mail is only written to the outbox (nothing sends it until a test drains). */
const requestDeps = (): AuthDeps => ({ db: t.db, mail: { queued: async () => {} }, now: clock.now(), siteUrl: TEST_SITE_URL, publicationName: TEST_PUBLICATION });
const smtp = () => smtpMailer(gate.smtpUrl, FROM);
const worker = (mailer: Mailer = smtp(), db = t.db) => testMailWorkerDeps(db, mailer, clock);
const jobs = () => t.db.select().from(mailJobs).orderBy(mailJobs.id);

async function reader(email: string) {
  const user = await insertUser(t.db, { email, passwordHash: 'not used here', displayName: null }, clock.now());
  if (!user) throw new Error(`${email} exists`);
  await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user.id));
  return user;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the mail outbox', () => {
  it('delivers a job once, and makes its link only when sending it', async () => {
    await reader('ada@example.com');
    await requestSignInLink(requestDeps(), { email: 'ada@example.com', next: '/markets/' }, META);
    // Nothing secret waits in the database: the job says what to write, and no link exists yet.
    expect(await t.db.select().from(emailTokens)).toHaveLength(0);
    expect((await jobs())[0]).toMatchObject({ kind: 'sign-in-link', payload: { email: 'ada@example.com', next: '/markets/' }, sentAt: null });

    expect(await drainMailJobs(worker())).toBe(1);
    expect(await drainMailJobs(worker())).toBe(0);

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ to: ['ada@example.com'], subject: 'Your sign-in link for Masthead' });
    const [job] = await jobs();
    expect(job).toMatchObject({ attempts: 1, lastError: null, failedAt: null, payload: {} });
    expect(job?.sentAt).toEqual(clock.now());
    const link = new URL(/https?:\/\/\S+/.exec(received[0]?.text ?? '')?.[0] ?? '');
    expect(link.pathname).toBe('/sign-in/link/');
    await expect(signInWithLink(requestDeps(), link.searchParams.get('token'), META)).resolves.toMatchObject({ user: { email: 'ada@example.com' } });
  });

  it('sends mail in the order it was queued, however the database returns the claimed rows', async () => {
    for (let i = 0; i < 12; i++) await enqueueMail(t.db, { kind: 'sign-in-link', payload: { email: `reader${i}@example.com`, next: '/' } }, clock.now());
    // Rewrite the older half, so their rows move behind the newer ones in the table.
    await t.db.update(mailJobs).set({ lastError: 'touched' }).where(sql`${mailJobs.id} <= (select min(id) + 5 from mail_jobs)`);
    const claimed = await claimMailJobs(t.db, clock.now(), 12);
    const ids = claimed.map((job) => job.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toHaveLength(12);
  });

  it('sends nothing for an address with no account, and marks the job done', async () => {
    await requestSignInLink(requestDeps(), { email: 'nobody@example.com', next: '/' }, META);
    await drainMailJobs(worker());
    expect(received).toHaveLength(0);
    expect(gate.connections()).toBe(0);
    expect((await jobs())[0]?.sentAt).toEqual(clock.now());
  });

  it('retries after the mail server was down, and delivers once when it is back', async () => {
    await reader('ada@example.com');
    await requestSignInLink(requestDeps(), { email: 'ada@example.com', next: '/' }, META);
    gate.mode('refuse');
    await drainMailJobs(worker());
    const [failed] = await jobs();
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, lockedUntil: null });
    expect(failed?.lastError).toBeTruthy();
    expect(failed?.runAfter).toEqual(new Date(clock.now().getTime() + retryDelayMs(1)));

    gate.mode('pass');
    await drainMailJobs(worker()); // not due yet: the backoff holds
    expect(received).toHaveLength(0);

    clock.advance(retryDelayMs(1));
    await drainMailJobs(worker());
    await drainMailJobs(worker());
    expect(received).toHaveLength(1);
    expect((await jobs())[0]).toMatchObject({ attempts: 2, lastError: null });
  });

  it('gives a job up after its last attempt and keeps the error (dead letter)', async () => {
    const broken: Mailer = { send: async () => Promise.reject(new Error('550 mailbox unavailable')) };
    await enqueueMail(t.db, { kind: 'account-deleted', payload: { email: 'gone@example.com' } }, clock.now());
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS + 2; attempt++) {
      await drainMailJobs(worker(broken));
      clock.advance(20 * MINUTE);
    }
    const [job] = await jobs();
    expect(job?.attempts).toBe(MAX_MAIL_ATTEMPTS);
    expect(job?.failedAt).not.toBeNull();
    expect(job?.sentAt).toBeNull();
    expect(job?.lastError).toContain('550 mailbox unavailable');
  });

  it('gives up at once on a job that can never be sent', async () => {
    await t.db.insert(mailJobs).values({ kind: 'no-such-kind', payload: {}, createdAt: clock.now(), runAfter: clock.now() });
    await drainMailJobs(worker());
    expect((await jobs())[0]).toMatchObject({ attempts: 1, lastError: expect.stringContaining('no-such-kind') });
    expect((await jobs())[0]?.failedAt).not.toBeNull();
  });

  it('never sends a job twice when two workers drain one database at once', { timeout: 120_000 }, async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `reader-${i}@example.com`);
    for (const email of addresses) await enqueueMail(t.db, { kind: 'password-changed', payload: { email } }, clock.now());
    const other = t.anotherHandle(); // a second instance's pool on PostgreSQL
    const handled = await Promise.all([drainMailJobs(worker(smtp(), t.db)), drainMailJobs(worker(smtp(), other.db)), drainMailJobs(worker(smtp(), t.db))]);
    expect(handled.reduce((a, b) => a + b, 0)).toBe(30);
    expect(received.flatMap((m) => m.to).sort()).toEqual([...addresses].sort());
    const [counts] = await t.db.select({ sent: sql<number>`count(*) filter (where ${mailJobs.sentAt} is not null)::int`, tries: sql<number>`sum(${mailJobs.attempts})::int` }).from(mailJobs);
    expect(counts).toEqual({ sent: 30, tries: 30 });
  });

  it('on stop, finishes the job in hand and gives the rest of its batch back untried', async () => {
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) {
      await enqueueMail(t.db, { kind: 'password-changed', payload: { email } }, clock.now());
    }
    gate.mode('hold');
    const running = startMailWorker(worker(), 60_000);
    await until(() => gate.connections() === 1, 'the worker to reach the mail server');
    const stopped = running.stop();
    gate.release();
    await stopped;

    expect(received.flatMap((m) => m.to)).toEqual(['a@example.com']);
    const rows = await jobs();
    expect(rows.map((j) => [j.attempts, j.sentAt !== null, j.lockedUntil])).toEqual([
      [1, true, null],
      [0, false, null],
      [0, false, null],
    ]);
    // Given back, they are due at once for the next worker.
    await drainMailJobs(worker());
    expect(received).toHaveLength(3);
  });

  it('gives up on a mail server that never greets after the greeting timeout, and retries later', async () => {
    await enqueueMail(t.db, { kind: 'password-changed', payload: { email: 'ada@example.com' } }, clock.now());
    gate.mode('hold'); // connects, then silence
    const impatient = smtpMailer(gate.smtpUrl, FROM, { connectionTimeout: 2000, greetingTimeout: 300, socketTimeout: 2000 });
    await drainMailJobs(worker(impatient));
    const [job] = await jobs();
    expect(job).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(job?.lastError).toMatch(/greeting/i);
  });

  it('deletes finished jobs after a week, and keeps the ones still to send', async () => {
    await enqueueMail(t.db, { kind: 'password-changed', payload: { email: 'sent@example.com' } }, clock.now());
    await drainMailJobs(worker());
    clock.advance(8 * 24 * 60 * MINUTE);
    await enqueueMail(t.db, { kind: 'password-changed', payload: { email: 'later@example.com' } }, new Date(clock.now().getTime() + MINUTE));
    const running = startMailWorker(worker(), 60_000);
    try {
      const deadline = Date.now() + 20_000;
      while ((await jobs()).length > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await running.stop();
    }
    expect((await jobs()).map((j) => j.payload)).toEqual([{ email: 'later@example.com' }]);
  });

  it('keeps polling: a job another instance wrote is sent within a few polls', async () => {
    const running = startMailWorker(worker(), 50);
    try {
      await enqueueMail(t.db, { kind: 'password-changed', payload: { email: 'ada@example.com' } }, clock.now());
      await until(() => received.length === 1, 'the polled job to be sent');
    } finally {
      await running.stop();
    }
  });
});
