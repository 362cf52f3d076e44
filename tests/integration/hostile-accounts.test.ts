// Account takeover and pre-hijacking attempted over HTTP against a real server, as an outsider
// would: links that must die with a password reset, an address registered by someone else
// first, an unconfirmed account trying to pay, a password guessed through "Delete my account",
// and an address full of LIKE wildcards. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { signedInReader } from '../support/hostile/signed-in-reader.ts';
import { startHostileSite, type HostileSite } from '../support/hostile/hostile-site.ts';
import { getPage, postForm, randomClientAddress, SESSION_COOKIE, sessionCookieOf, signIn } from '../support/http-forms.ts';
import { freePort } from '../support/instances/nginx.ts';
import { firstLink } from '../support/mail-inbox.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';

const TIMEOUT_MS = 120_000;

let site: HostileSite;

beforeAll(async () => {
  site = await startHostileSite({ server: await freePort(), smtp: await freePort(), stripe: await freePort() });
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
});

const address = (label: string) => `${label}-${randomBytes(5).toString('hex')}@example.test`;
const phrase = (label: string) => `${label} chose this phrase ${randomBytes(4).toString('hex')}`;

/** The tokens of the links in messages to `to` whose subject starts with `subject`, oldest first, once there are `count`. */
async function tokensTo(to: string, subject: string, count = 1): Promise<string[]> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const tokens = site.mail
      .filter((m) => m.to.includes(to.toLowerCase()) && m.subject.startsWith(subject))
      .map((m) => new URL(firstLink(m.text) ?? 'http://x/').searchParams.get('token'))
      .filter((t): t is string => Boolean(t));
    if (tokens.length >= count) return tokens;
    await sleep(100);
  }
  throw new Error(`fewer than ${count} "${subject}" e-mails reached ${to}`);
}

async function register(email: string, password: string): Promise<void> {
  const answer = await postForm(site.url, '/register/?_action=register', { email, password, next: '/' });
  expect(answer.status, (await answer.text()).slice(0, 300)).toBe(303);
}

async function confirm(token: string): Promise<string> {
  const answer = await postForm(site.url, '/verify-email/?_action=verifyEmail', { token, next: '/' });
  expect(answer.status).toBe(303);
  return sessionCookieOf(answer)!;
}

/** Whether the cookie still belongs to a signed-in reader (the account page answers 200, not a redirect to sign in). */
async function signedIn(cookie: string): Promise<boolean> {
  return (await getPage(site.url, '/account/', cookie)).status === 200;
}

/** A session of `email`'s account written straight to the server's database, as the registering browser's might be. */
async function sessionOf(email: string): Promise<string> {
  const token = await site.withDatabase(async (db) => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return (await createSession(db, user!.id, new Date(), { ipAddress: '198.51.100.66' })).token;
  });
  return `${SESSION_COOKIE}=${token}`;
}

describe('a password reset ends what whoever knew the old password set up', () => {
  test('an intruder’s change-of-address link and an earlier sign-in link fail after the owner resets the password', async () => {
    const owner = await signedInReader(site.url, site.mail);
    const intruder = address('intruder');
    const asked = await postForm(site.url, '/account/security/?_action=requestEmailChange', { newEmail: intruder, password: owner.password }, { cookie: owner.cookie });
    expect(asked.status).toBe(303);
    const [changeLink] = await tokensTo(intruder, 'Confirm your new e-mail address');
    expect((await postForm(site.url, '/sign-in/?_action=requestLink', { email: owner.email, next: '/' })).status).toBe(303);
    const [signInLink] = await tokensTo(owner.email, 'Your sign-in link');

    expect((await postForm(site.url, '/forgot-password/?_action=requestPasswordReset', { email: owner.email, next: '/' })).status).toBe(303);
    const [resetLink] = await tokensTo(owner.email, 'Reset your');
    const reset = await postForm(site.url, '/reset-password/?_action=resetPassword', { token: resetLink!, password: phrase('owner'), next: '/' });
    expect(reset.status).toBe(303);

    const change = await postForm(site.url, '/confirm-email-change/?_action=confirmEmailChange', { token: changeLink! });
    expect(change.status).toBe(400);
    expect(sessionCookieOf(change)).toBeUndefined();
    const link = await postForm(site.url, '/sign-in/link/?_action=useSignInLink', { token: signInLink!, next: '/' });
    expect(link.status).toBe(400);
    expect(sessionCookieOf(link)).toBeUndefined();
  }, TIMEOUT_MS);
});

describe('pre-hijacking: an address registered by someone else first', () => {
  test('the intruder cannot sign in; the owner’s own registration and link decide the password; the intruder’s session ends', async () => {
    const victim = address('victim');
    const intruderPassword = phrase('intruder');
    await register(victim, intruderPassword);
    // The outbox sends in the background: wait for the intruder's link, so the next one is the owner's.
    await tokensTo(victim, 'Confirm your e-mail address', 1);
    const intrudersSession = await sessionOf(victim); // as if the registering browser had stayed signed in
    const refused = await signIn(site.url, victim, intruderPassword);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(sessionCookieOf(refused)).toBeUndefined();

    const ownerPassword = phrase('owner');
    await register(victim, ownerPassword); // the owner registers too: a second link, with the owner's password
    const [, ownersLink] = await tokensTo(victim, 'Confirm your e-mail address', 2);
    const ownersSession = await confirm(ownersLink!);

    expect(await signedIn(ownersSession)).toBe(true);
    expect(await signedIn(intrudersSession)).toBe(false);
    expect(sessionCookieOf(await signIn(site.url, victim, intruderPassword))).toBeUndefined();
    expect(sessionCookieOf(await signIn(site.url, victim, ownerPassword))).toBeDefined();
  }, TIMEOUT_MS);

  test('an unconfirmed account can neither buy credits, join the Club, nor unlock', async () => {
    const email = address('unconfirmed');
    await register(email, phrase('someone'));
    const cookie = await sessionOf(email);
    for (const [action, form] of [['buyCredits', { pack: 'credits-5', next: '/' }], ['joinClub', { plan: 'monthly', next: '/' }]] as const) {
      const answer = await postForm(site.url, `/_actions/${action}`, form, { cookie });
      expect(answer.status, action).toBe(403);
      expect(await answer.text(), action).toMatch(/confirm your e-mail address/i);
    }
    const unlock = await postForm(site.url, '/_actions/unlock', { slug: 'arkwell-starts-production-spanish-lfp-battery-plant' }, { cookie });
    expect(unlock.status).toBeGreaterThanOrEqual(400);
    expect(await unlock.text()).toMatch(/confirm your e-mail address/i);
  }, TIMEOUT_MS);

  test('“send the confirmation link again” answers alike for any address and sends a link only to an unconfirmed one', async () => {
    const unconfirmed = address('resend');
    const registeredPassword = phrase('resend');
    await register(unconfirmed, registeredPassword);
    await tokensTo(unconfirmed, 'Confirm your e-mail address', 1);
    const answers = [];
    for (const email of [unconfirmed, address('nobody')]) {
      const answer = await postForm(site.url, '/_actions/resendConfirmation', { email, next: '/' });
      answers.push([answer.status, await answer.text()]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![0]).toBe(200);
    const [, resent] = await tokensTo(unconfirmed, 'Confirm your e-mail address', 2);

    // The resent link proves the address and decides no password (nobody proved one to get it):
    // the reader is signed in, told how to choose a password, and the registration's no longer works.
    const confirmed = await postForm(site.url, '/verify-email/?_action=verifyEmail', { token: resent!, next: '/' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('any password chosen before the address was confirmed no longer works');
    expect(await signedIn(sessionCookieOf(confirmed)!)).toBe(true);
    expect(sessionCookieOf(await signIn(site.url, unconfirmed, registeredPassword))).toBeUndefined();
  }, TIMEOUT_MS);
});

describe('delete my account', () => {
  test('40 wrong passwords, then the right one: refused while the sign-in limit holds', async () => {
    const reader = await signedInReader(site.url, site.mail);
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const answer = await postForm(site.url, '/_actions/deleteMyAccount', { password: `guess ${i}`, confirm: 'on' }, { cookie: reader.cookie, clientAddress: randomClientAddress() });
      statuses.add(answer.status);
    }
    expect([...statuses].sort()).toEqual([401, 429]);

    const right = await postForm(site.url, '/_actions/deleteMyAccount', { password: reader.password, confirm: 'on' }, { cookie: reader.cookie });
    expect(right.status).toBe(429);
    expect(await signedIn(reader.cookie)).toBe(true);
  }, TIMEOUT_MS);

  test('an address full of LIKE wildcards is accepted, and deleting it leaves other readers’ sign-in limits as they were', async () => {
    const tag = randomBytes(3).toString('hex');
    const wild = `a%b_c${tag}@x.example`;
    const password = phrase('wild');
    await register(wild, password);
    const [link] = await tokensTo(wild, 'Confirm your e-mail address');
    const cookie = await confirm(link!);
    // Another reader whose address the old pattern ("%:a%b_c…@x.example") matched, held by the sign-in limit.
    const other = `axbyc${tag}@x.example`;
    const otherPassword = phrase('other');
    await register(other, otherPassword);
    await confirm((await tokensTo(other, 'Confirm your e-mail address'))[0]!);
    for (let i = 0; i < 8; i++) await signIn(site.url, other, `wrong ${i}`, randomClientAddress());
    expect((await signIn(site.url, other, otherPassword, randomClientAddress())).status).toBe(429);

    const deleted = await postForm(site.url, '/account/data/?_action=deleteMyAccount', { password, confirm: 'on' }, { cookie });
    expect(deleted.status).toBe(303);

    expect((await signIn(site.url, other, otherPassword, randomClientAddress())).status).toBe(429);
  }, TIMEOUT_MS);
});
