// Two real server processes (scripts/serve.ts) on different ports against ONE PostgreSQL
// database: everything a reader or Stripe does on one instance holds on the other, because
// sessions, rate limits, unlocks and webhook events all live in the database. PGlite is one
// process by design, so that pass only checks that a second server refuses its data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer } from '../support/site-server.ts';
import { getPage, newAddress, postForm, randomClientAddress, registerVerifiedReader, signIn, sessionCookieOf, unlock } from '../support/http-forms.ts';
import { startInstanceSet, STRIPE_WEBHOOK_SECRET, type InstanceSet } from '../support/instances/instance-set.ts';
import { createSharedPostgres, type SharedPostgres } from '../support/instances/postgres-database.ts';
import { checkoutAndPay, deliverEvent, eventOfType } from '../support/instances/stripe-delivery.ts';
import { awaitRoomInWindow, longestWait } from '../support/instances/rate-window.ts';
import { lockedStories } from '../support/locked-stories.ts';

// Ports 4420-4425 belong to this file (4426-4429 to nginx-cache.test.ts).
const [PORT_A, PORT_B, SMTP_PORT, PGLITE_PORT, PGLITE_SECOND_PORT] = [4420, 4421, 4422, 4424, 4425];
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const SKIP_REASON = 'needs TEST_DATABASE_URL: several instances need PostgreSQL (PGlite is one process by design; the PostgreSQL pass of CI runs these)';
if (!TEST_DATABASE_URL) console.warn(`two-instances: skipping "two instances, one PostgreSQL": ${SKIP_REASON}`);

// Generous: several processes share two cores with the rest of the suite.
const TEST_TIMEOUT_MS = 60_000;
/** Room a sign-in series needs inside one rate-limit window. */
const SERIES_MS = 30_000;

describe.skipIf(!TEST_DATABASE_URL)('two instances, one PostgreSQL', { timeout: TEST_TIMEOUT_MS }, () => {
  let database: SharedPostgres | undefined;
  let set: InstanceSet | undefined;
  const urls = () => set!.servers.map((s) => s.url) as [string, string];
  /** A then B then A …: the i-th request of an alternating series. */
  const alternate = (i: number) => urls()[i % 2]!;

  beforeAll(async () => {
    await ensureIntegrationSite();
    database = await createSharedPostgres(TEST_DATABASE_URL!, 'instances');
    set = await startInstanceSet({ ports: [PORT_A, PORT_B], smtpPort: SMTP_PORT, database: { DATABASE_URL: database.url } });
  }, SITE_BUILD_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await set?.stop();
    await database?.drop();
  }, 60_000);

  const userId = async (email: string) => (await database!.sql<{ id: string }[]>`select id from users where email = ${email}`)[0]!.id;
  const creditsOf = async (id: string) => {
    const [row] = await database!.sql<{ balance: number; ledger: number }[]>`
      select u.credit_balance as balance, (select coalesce(sum(amount), 0)::int from credit_ledger where user_id = u.id) as ledger
      from users u where u.id = ${id}`;
    return row!;
  };

  it('a session made on A works on B, and signing out on B ends it on A', async () => {
    const [a, b] = urls();
    const reader = await registerVerifiedReader(a, set!.mail, 'session');
    const signedIn = await signIn(a, reader.email, reader.password);
    const cookie = sessionCookieOf(signedIn);
    expect(signedIn.status).toBe(303);
    expect(cookie).toBeDefined();

    const account = await getPage(b, '/account/', cookie);
    expect(account.status).toBe(200);
    expect(account.headers.get('cache-control')).toBe('private, no-store');
    expect(await account.text()).toContain(reader.email);

    expect((await postForm(b, '/sign-out/?_action=signOut', {}, { cookie })).status).toBeLessThan(400);
    const afterwards = await getPage(a, '/account/', cookie);
    // Sent to sign in: the session row is gone for both instances.
    expect([302, 303]).toContain(afterwards.status);
    expect(afterwards.headers.get('location')).toMatch(/^\/sign-in\//);
  });

  it('failed sign-ins for one account, alternated across A and B from many addresses, hit 429 at the account limit in total', async () => {
    const reader = await registerVerifiedReader(urls()[1], set!.mail, 'limited');
    const { limit, windowSeconds } = RATE_LIMITS['sign-in:account'];
    await awaitRoomInWindow(windowSeconds, SERIES_MS);
    const statuses = [];
    for (let i = 0; i < limit; i++) statuses.push((await signIn(alternate(i), reader.email, 'not the password at all', randomClientAddress())).status);
    expect(statuses).toEqual(Array(limit).fill(401));
    // The next attempt is refused on either instance, even with the right password.
    expect((await signIn(alternate(limit), reader.email, 'not the password at all', randomClientAddress())).status).toBe(429);
    expect((await signIn(alternate(limit + 1), reader.email, reader.password, randomClientAddress())).status).toBe(429);
  }, TEST_TIMEOUT_MS + longestWait(SERIES_MS));

  it('failed sign-ins from one address, alternated across A and B, hit 429 at the address limit in total', async () => {
    const address = randomClientAddress();
    const { limit, windowSeconds } = RATE_LIMITS['sign-in:ip'];
    await awaitRoomInWindow(windowSeconds, SERIES_MS);
    const statuses = [];
    for (let i = 0; i < limit; i++) statuses.push((await signIn(alternate(i), newAddress('nobody'), 'a wrong password here', address)).status);
    expect(statuses).toEqual(Array(limit).fill(401));
    expect((await signIn(alternate(limit), newAddress('nobody'), 'a wrong password here', address)).status).toBe(429);
    expect((await signIn(alternate(limit + 1), newAddress('nobody'), 'a wrong password here', address)).status).toBe(429);
  }, TEST_TIMEOUT_MS + longestWait(SERIES_MS));

  it('200 guesses at one account at once, split across A and B, check at most the account limit in total', async () => {
    const reader = await registerVerifiedReader(urls()[0], set!.mail, 'burst');
    const { limit, windowSeconds } = RATE_LIMITS['sign-in:account'];
    await awaitRoomInWindow(windowSeconds, SERIES_MS);
    const guesses = [...Array.from({ length: 199 }, (_, i) => `wrong guess number ${i}`), reader.password];

    const statuses = (await Promise.all(guesses.map((password, i) => signIn(alternate(i), reader.email, password, randomClientAddress())))).map((r) => r.status);

    // 401: a wrong password was checked; 303: the right one was; 429: refused before any check.
    const checked = statuses.filter((s) => s === 401 || s === 303).length;
    expect(checked, statuses.join(',')).toBeLessThanOrEqual(limit);
    expect(statuses.filter((s) => s === 303).length).toBeLessThanOrEqual(1);
    expect(statuses.every((s) => [401, 303, 429].includes(s))).toBe(true);
    // Guesses that follow, on either instance, stop at the limit; then the right password is refused too.
    let checkedWrong = statuses.filter((s) => s === 401).length;
    for (let i = 0; i <= limit && (await signIn(alternate(i), reader.email, `later guess ${i}`, randomClientAddress())).status === 401; i++) checkedWrong++;
    expect(checkedWrong).toBe(limit);
    expect((await signIn(alternate(1), reader.email, reader.password, randomClientAddress())).status).toBe(429);
  }, TEST_TIMEOUT_MS + longestWait(SERIES_MS));

  it('simultaneous unlocks of one story, split across A and B, make one unlock and one debit', async () => {
    const reader = await registerVerifiedReader(urls()[0], set!.mail, 'unlocker');
    const id = await userId(reader.email);
    const before = (await creditsOf(id)).balance;
    const [story] = lockedStories();

    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => unlock(alternate(i), reader.cookie, story!)));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(303));

    expect(await database!.sql`select article_slug from unlocks where user_id = ${id}`).toEqual([{ article_slug: story!.slug }]);
    const debits = await database!.sql`select amount from credit_ledger where user_id = ${id} and reason = 'unlock'`;
    expect(debits).toEqual([{ amount: -1 }]);
    expect(await creditsOf(id)).toEqual({ balance: before - 1, ledger: before - 1 });
  });

  it('a reader with N credits unlocking more than N stories at once across A and B never goes below zero', async () => {
    const reader = await registerVerifiedReader(urls()[1], set!.mail, 'spender');
    const id = await userId(reader.email);
    const credits = (await creditsOf(id)).balance;
    const stories = lockedStories().slice(0, credits + 3);
    expect(stories.length).toBe(credits + 3);

    const answers = await Promise.all(stories.map((story, i) => unlock(alternate(i), reader.cookie, story)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(credits).fill(303), ...Array(3).fill(402)].sort());

    const [unlocked] = await database!.sql<{ count: number }[]>`select count(*)::int as count from unlocks where user_id = ${id}`;
    expect(unlocked?.count).toBe(credits);
    expect(await creditsOf(id)).toEqual({ balance: 0, ledger: 0 });
  });

  /** Delivers one event to A and B at the same moment, twice each; exactly one delivery does the work. */
  async function deliverToBoth(event: Parameters<typeof deliverEvent>[1]) {
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => deliverEvent(alternate(i), event, STRIPE_WEBHOOK_SECRET)));
    // 200 duplicate once done, 409 in-progress while the other instance holds the claim.
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    expect(answers.filter((a) => a.outcome === 'processed')).toHaveLength(1);
    const stored = await database!.sql`select outcome from stripe_events where id = ${event.id}`;
    expect(stored).toEqual([{ outcome: 'processed' }]);
  }

  it('a credit-pack checkout.session.completed delivered to both is processed once', async () => {
    const [a] = urls();
    const reader = await registerVerifiedReader(a, set!.mail, 'buyer');
    const id = await userId(reader.email);
    const before = (await creditsOf(id)).balance;
    const completed = eventOfType(await checkoutAndPay(set!.double, a, reader.cookie, '/credits/', { pack: 'credits-5' }), 'checkout.session.completed');

    await deliverToBoth(completed);
    const purchases = await database!.sql`select amount from credit_ledger where user_id = ${id} and reason = 'purchase'`;
    expect(purchases).toEqual([{ amount: 5 }]);
    expect(await creditsOf(id)).toEqual({ balance: before + 5, ledger: before + 5 });
  });

  it('a customer.subscription.created delivered to both makes one membership', async () => {
    const [, b] = urls();
    const reader = await registerVerifiedReader(b, set!.mail, 'member');
    const id = await userId(reader.email);
    const created = eventOfType(await checkoutAndPay(set!.double, b, reader.cookie, '/club/', { plan: 'monthly' }), 'customer.subscription.created');

    await deliverToBoth(created);
    const memberships = await database!.sql`select status, plan from subscriptions where user_id = ${id}`;
    expect(memberships).toEqual([{ status: 'active', plan: 'monthly' }]);
  });
});

describe('one PGlite data folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-instances-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second server on the same DATA_DIR with a message saying why and what to do', async () => {
    await ensureIntegrationSite();
    const env = { DATA_DIR: path.join(dir, 'data') };
    const first = await startSiteServer({ port: PGLITE_PORT, env });
    try {
      const second = startSiteServer({ port: PGLITE_SECOND_PORT, env, timeoutMs: 60_000 });
      await expect(second).rejects.toThrow(/exited \(1\) before answering[\s\S]*already open in another process \(pid \d+[\s\S]*set DATABASE_URL to a PostgreSQL server/);
      // The first server is untouched by the attempt.
      expect((await fetch(`${first.url}/business/`)).status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  }, SITE_BUILD_TIMEOUT_MS + 60_000);
});
