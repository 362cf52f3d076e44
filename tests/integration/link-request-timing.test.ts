// Asking for a sign-in link or a password reset must not tell whether the address has an
// account, by its answer or by its time: the request writes a job and returns, and the
// outbox's worker does the lookup and the SMTP conversation afterwards. Real SMTP listener
// behind a gate that makes it slow or silent. PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import type { AuthDeps, RequestMeta } from '../../src/server/auth/deps.ts';
import { requestPasswordReset } from '../../src/server/auth/password-reset.ts';
import { requestSignInLink } from '../../src/server/auth/sign-in.ts';
import { insertUser } from '../../src/server/auth/users.ts';
import { smtpMailer } from '../../src/server/mail/mailer.ts';
import { startMailWorker, type MailWorker } from '../../src/server/mail/mail-worker.ts';
import type { CaughtMail } from '../support/mail-catcher.ts';
import { outboxTestBed } from '../support/outbox-test-bed.ts';
import type { SmtpGate } from '../support/smtp-gate.ts';
import {
  TEST_PUBLICATION, TEST_SITE_URL, testMailWorkerDeps, uniqueIdentity,
  type TestClock, type TestDatabase,
} from '../support/test-db.ts';

type LinkRequest = (deps: AuthDeps, input: { email: string; next: string }, meta: RequestMeta) => Promise<void>;

const bed = outboxTestBed();
// This test's database, clock, SMTP gate and received mail, under short names.
let t: TestDatabase;
let clock: TestClock;
let gate: SmtpGate;
let worker: MailWorker;
let received: CaughtMail[];

beforeEach(() => {
  ({ t, clock, gate, received } = bed);
  // The server's arrangement: a worker in the background, woken by each request.
  worker = startMailWorker(testMailWorkerDeps(t.db, smtpMailer(gate.smtpUrl, 'Masthead <news@news.example.test>'), clock));
});
afterEach(async () => {
  gate?.release();
  await worker?.stop();
});

const deps = (): AuthDeps => ({ db: t.db, mail: { queued: async () => worker.wake() }, now: clock.now(), siteUrl: TEST_SITE_URL, publicationName: TEST_PUBLICATION });

async function reader(label: string): Promise<string> {
  const { email } = uniqueIdentity(label);
  const user = await insertUser(t.db, { email, passwordHash: 'not used here', displayName: null }, clock.now());
  await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user!.id));
  return email;
}

/** Resolves with the request's time, or rejects if it is still waiting after `limitMs`. */
async function timed(request: Promise<void>, limitMs = 20_000): Promise<number> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the request was still waiting after ${limitMs} ms (for the mail server?)`)), limitMs);
  });
  try {
    await Promise.race([request, tooLong]);
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - start;
}

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75) };
}

describe.each([
  ['a sign-in link', requestSignInLink as LinkRequest, 'Your sign-in link for Masthead'],
  ['a password reset', requestPasswordReset as LinkRequest, 'Reset your Masthead password'],
])('asking for %s', (_name, request, subject) => {
  it('returns before the mail server has answered, and the mail arrives afterwards', async () => {
    const email = await reader('waiting');
    gate.mode('hold'); // the mail server accepts connections but says nothing yet
    await timed(request(deps(), { email, next: '/' }, { ipAddress: uniqueIdentity().ipAddress }));
    expect(received).toHaveLength(0);

    gate.release();
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(received.map((m) => [m.to, m.subject])).toEqual([[[email], subject]]);
  });

  it('takes the same time for an address with an account and one without (30 of each, interleaved)', { timeout: 180_000 }, async () => {
    // A slow mail server: a path that waited for it would take a second longer.
    gate.mode('pass', 1000);
    const known = { label: 'known', times: [] as number[] };
    const unknown = { label: 'unknown', times: [] as number[] };
    for (let i = 0; i < 30; i++) {
      const existing = await reader('known');
      const missing = uniqueIdentity('unknown').email;
      // Alternate which goes first, so neither side always follows the other's wake-up.
      const pair = i % 2 === 0 ? ([[known, existing], [unknown, missing]] as const) : ([[unknown, missing], [known, existing]] as const);
      for (const [side, email] of pair) {
        side.times.push(await timed(request(deps(), { email, next: '/' }, { ipAddress: uniqueIdentity().ipAddress })));
      }
    }
    const a = summary(known.times);
    const b = summary(unknown.times);
    // Each median lies within the other's interquartile range (widened by 10 ms for a busy
    // machine's jitter): the distributions overlap. Waiting for the mail server (1 s) would put
    // one median far outside.
    const slack = 10;
    const report = `known ${JSON.stringify(a)} unknown ${JSON.stringify(b)}`;
    expect(a.median, report).toBeGreaterThanOrEqual(b.q1 - slack);
    expect(a.median, report).toBeLessThanOrEqual(b.q3 + slack);
    expect(b.median, report).toBeGreaterThanOrEqual(a.q1 - slack);
    expect(b.median, report).toBeLessThanOrEqual(a.q3 + slack);
  });
});
