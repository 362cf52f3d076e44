// The outbox in the real server process (scripts/serve.ts on the built site), with real SMTP
// behind a gate: a request for a sign-in link or a reset is answered while the mail server
// has not even greeted, the mail goes out afterwards, and requests for addresses with and
// without an account take the same time. The server stops cleanly with mail still queued.
// PGlite in a data folder, or PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { newAddress, postForm, randomClientAddress } from '../support/http-forms.ts';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../support/mail-catcher.ts';
import { startSmtpGate, type SmtpGate } from '../support/smtp-gate.ts';
import { freshDatabase, type TestDatabase } from '../support/test-db.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-outbox-'));
let database: TestDatabase | undefined;
let server: SiteServer;
let catcher: MailCatcher;
let gate: SmtpGate;
const received: CaughtMail[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

beforeAll(async () => {
  await ensureIntegrationSite();
  catcher = await startMailCatcher({ port: 0, onMail: (mail) => received.push(mail) });
  gate = await startSmtpGate(catcher.port);
  database = process.env.TEST_DATABASE_URL ? await freshDatabase() : undefined;
  const storage = database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dir };
  server = await startSiteServer({ port: await freePort(), env: { ...storage, SMTP_URL: gate.smtpUrl, TRUST_PROXY: 'true' } });
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  gate?.release();
  await server?.stop();
  await gate?.close();
  await catcher?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const FORMS = {
  'a sign-in link': { path: '/sign-in/?_action=requestLink', subject: 'Your sign-in link' },
  'a password reset': { path: '/forgot-password/?_action=requestPasswordReset', subject: 'Reset your' },
} as const;

async function registered(): Promise<string> {
  const email = newAddress('outbox');
  const response = await postForm(server.url, '/register/?_action=register', { email, password: `a long phrase ${email}`, next: '/' });
  expect(response.status).toBe(303);
  return email;
}

async function timedPost(formPath: string, email: string): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await postForm(server.url, formPath, { email, next: '/' }, { clientAddress: randomClientAddress() });
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

async function mailTo(email: string, subject: string, timeoutMs = 30_000): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = received.find((m) => m.to.includes(email) && m.subject.includes(subject));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no "${subject}" reached ${email}; server said:\n${server.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const quartiles = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.round((s.length - 1) * q)]!;
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
};

describe.each(Object.entries(FORMS))('the server asked for %s', (_name, form) => {
  it('answers while the mail server has not greeted, and sends the mail afterwards', { timeout: 90_000 }, async () => {
    const email = await registered();
    gate.mode('hold');
    const answered = await timedPost(form.path, email);
    expect(answered.status).toBeLessThan(400);
    expect(received.some((m) => m.to.includes(email) && m.subject.includes(form.subject))).toBe(false);
    gate.release();
    await mailTo(email, form.subject);
  });

  it('takes the same time for an address with an account and one without (20 of each, interleaved)', { timeout: 180_000 }, async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const statuses = new Set<number>();
    const accounts: string[] = [];
    for (let i = 0; i < 20; i++) accounts.push(await registered());
    gate.mode('pass', 1000); // a slow mail server: a request that waited for it would take a second more
    for (const [i, email] of accounts.entries()) {
      const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const side of order) {
        const result = await timedPost(form.path, side === 'known' ? email : newAddress('nobody'));
        (side === 'known' ? known : unknown).push(result.ms);
        statuses.add(result.status);
      }
    }
    gate.mode('pass');
    expect(statuses.size).toBe(1);
    const a = quartiles(known);
    const b = quartiles(unknown);
    // Each median within the other's interquartile range, widened by 15 ms for HTTP on a busy machine.
    const slack = 15;
    const report = `known ${JSON.stringify(a)} unknown ${JSON.stringify(b)}`;
    expect(a.median, report).toBeGreaterThanOrEqual(b.q1 - slack);
    expect(a.median, report).toBeLessThanOrEqual(b.q3 + slack);
    expect(b.median, report).toBeGreaterThanOrEqual(a.q1 - slack);
    expect(b.median, report).toBeLessThanOrEqual(a.q3 + slack);
  });
});

describe('stopping the server', () => {
  it('exits cleanly with mail still in the outbox', { timeout: 60_000 }, async () => {
    const email = await registered();
    gate.mode('hold');
    await timedPost(FORMS['a sign-in link'].path, email);
    const stopped = server.stop();
    gate.release(); // the message in hand goes out; the rest wait for the next start
    expect(await stopped).toBe(0);
  });
});
