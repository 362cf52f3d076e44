// Registering and confirming an e-mail address, against a real database and a mail catcher.
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTokens, sessions, users, welcomeGrants } from '../../db/schema/index.ts';
import { CREDIT_CONFIG } from '../../src/lib/credits/credit-config.ts';
import { generateToken } from '../../src/lib/auth/token.ts';
import { deleteAccount } from '../../src/server/auth/account-data.ts';
import { AUTH_MESSAGES, AuthError } from '../../src/server/auth/auth-error.ts';
import { confirmEmailChange, requestEmailChange } from '../../src/server/auth/credentials.ts';
import { verifyPassword } from '../../src/server/auth/password-hash.ts';
import { passwordChecks } from '../../src/server/auth/password-check-gate.ts';
import { confirmEmail, registerAccount, resendVerification } from '../../src/server/auth/registration.ts';
import { resendConfirmation } from '../../src/server/auth/resend-confirmation.ts';
import { createSession, listUserSessions, validateSessionToken } from '../../src/server/auth/sessions.ts';
import { pruneUnconfirmedAccounts } from '../../src/server/auth/unconfirmed-accounts.ts';
import { welcomeAddressKey } from '../../src/server/auth/welcome-grants.ts';
import { findUserByEmail } from '../../src/server/auth/users.ts';
import {
  DATABASE_SETUP_TIMEOUT_MS,
  DAY,
  fakeMailer,
  freshDatabase,
  linkParams,
  MINUTE,
  SECOND,
  TEST_SITE_URL,
  testAuthDeps,
  testClock,
  uniqueIdentity,
  type FakeMailer,
  type TestClock,
  type TestDatabase,
} from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

const PASSWORD = 'correct horse battery';
/** For tests that hash a password (argon2id, 19 MiB) a dozen times or more: slow on a busy machine. */
const MANY_HASHES = { timeout: 30_000 };

/** A reader who has just registered, with the mail catcher and clock of the test. */
async function registered(next = '/business/a-story/') {
  const mailer = fakeMailer();
  const clock = testClock();
  const { email, ipAddress } = uniqueIdentity();
  await registerAccount(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD, displayName: ' Ada ', next }, { ipAddress });
  const [message] = mailer.to(email);
  const user = await findUserByEmail(t.db, email);
  if (!message || !user) throw new Error('registration did not happen');
  return { mailer, clock, email, ipAddress, user, token: linkParams(message).token };
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

/** What confirming would change: the verified mark, sessions, used links. */
async function accountState(userId: string) {
  const [user] = await t.db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  const [s] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  const [used] = await t.db
    .select({ n: count() })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), isNotNull(emailTokens.usedAt)));
  return { verifiedAt: user?.verifiedAt ?? null, sessions: s?.n, usedLinks: used?.n };
}

async function usersWithEmail(email: string): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(users).where(eq(users.email, email));
  return row?.n ?? 0;
}

describe('registerAccount', () => {
  it('is refused at once, with no hash and no account, while this process already hashes two passwords for the client', async () => {
    const { email, ipAddress } = uniqueIdentity();
    const running = await passwordChecks.admit([`client:${ipAddress}`]);
    const waiting = passwordChecks.admit([`client:${ipAddress}`]); // in line behind it
    try {
      const error = await rejection(registerAccount(testAuthDeps(t.db, fakeMailer(), testClock()), { email, password: PASSWORD, next: '/' }, { ipAddress }));
      expect(error.code).toBe('rate-limited');
      expect(await usersWithEmail(email)).toBe(0);
    } finally {
      running?.();
      (await waiting)?.();
    }
  });

  it('creates an unverified account and sends one verification link carrying the token and where to go next', async () => {
    const { mailer, email, user, clock } = await registered('/business/a-story/');

    expect(user).toMatchObject({ email, emailVerifiedAt: null, displayName: 'Ada', role: 'reader', createdAt: clock.now() });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(mailer.sent).toHaveLength(1);
    const [message] = mailer.sent;
    expect(message).toMatchObject({ to: email, subject: 'Confirm your e-mail address for Masthead' });
    const link = linkParams(message!);
    expect(link.path).toBe('/verify-email/');
    expect(message!.link.startsWith(`${TEST_SITE_URL}/verify-email/?`)).toBe(true);
    expect(link.token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(link.next).toBe('/business/a-story/');
    expect(message!.text).toContain(message!.link);
    expect(message!.text).toContain('expires in 24 hours');
  });

  it('answers an address that already has a confirmed account the same way, changes nothing, and tells its owner by e-mail', async () => {
    const { email, mailer: first, clock: firstClock, token } = await registered();
    await confirmEmail(testAuthDeps(t.db, first, firstClock), token, { ipAddress: '192.0.2.7' });
    const user = (await findUserByEmail(t.db, email))!;
    const [tokensBefore] = await t.db.select({ n: count() }).from(emailTokens).where(eq(emailTokens.userId, user.id));
    const mailer = fakeMailer();

    const answer = await registerAccount(
      testAuthDeps(t.db, mailer, testClock()),
      { email, password: 'another password entirely', next: '/markets/' },
      { ipAddress: uniqueIdentity().ipAddress },
    );

    expect(answer).toBeUndefined(); // as for a new address: no error, no hint
    expect(await usersWithEmail(email)).toBe(1);
    expect(await findUserByEmail(t.db, email)).toEqual(user); // password and name untouched
    const [tokensAfter] = await t.db.select({ n: count() }).from(emailTokens).where(eq(emailTokens.userId, user.id));
    expect(tokensAfter).toEqual(tokensBefore);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: email, subject: 'You already have a Masthead account' });
    expect(linkParams(mailer.sent[0]!)).toEqual({ path: '/sign-in/', token: null, next: '/markets/' });
  });

  it('creates exactly one account when twenty registrations of one address arrive at once', MANY_HASHES, async () => {
    const mailer = fakeMailer();
    const clock = testClock();
    const { email } = uniqueIdentity();

    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        registerAccount(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD, next: '/' }, { ipAddress: uniqueIdentity().ipAddress }),
      ),
    );

    expect(answers).toEqual(Array(20).fill(undefined));
    expect(await usersWithEmail(email)).toBe(1);
    // The address is not confirmed: each registration gets a confirmation link of its own.
    const subjects = mailer.to(email).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('Confirm'))).toHaveLength(20);
    expect(subjects.filter((s) => s.startsWith('You already have'))).toHaveLength(0);
  });

  it('refuses the 11th registration from one address within an hour, and creates no account for it', MANY_HASHES, async () => {
    const mailer = fakeMailer();
    const clock = testClock();
    const { ipAddress } = uniqueIdentity();
    const register = (email: string) =>
      registerAccount(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD, next: '/' }, { ipAddress });
    for (let i = 0; i < 10; i++) await register(uniqueIdentity().email);
    const eleventh = uniqueIdentity().email;

    const error = await rejection(register(eleventh));

    expect(error.code).toBe('rate-limited');
    expect(error.message).toBe(AUTH_MESSAGES['rate-limited']);
    expect(error.retryAfterSeconds).toBe(3600);
    expect(await usersWithEmail(eleventh)).toBe(0);
    expect(mailer.to(eleventh)).toHaveLength(0);

    clock.advance(60 * MINUTE);
    await register(eleventh);
    expect(await usersWithEmail(eleventh)).toBe(1);
  });
});

describe('confirmEmail', () => {
  it('verifies the address and signs the reader in with a session that validates', async () => {
    const { mailer, clock, user, token } = await registered();
    clock.advance(10 * MINUTE);

    const confirmed = await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7', userAgent: 'Firefox' });

    expect(confirmed.user).toMatchObject({ id: user.id, emailVerifiedAt: clock.now() });
    expect(await accountState(user.id)).toEqual({ verifiedAt: clock.now(), sessions: 1, usedLinks: 1 });
    const validated = await validateSessionToken(t.db, confirmed.token, clock.now());
    expect(validated.user?.id).toBe(user.id);
    expect(await listUserSessions(t.db, user.id, clock.now())).toMatchObject([{ id: validated.session?.id, ipAddress: '192.0.2.7', userAgent: 'Firefox' }]);
  });

  it('still works one second before the link is 24 hours old', async () => {
    const { mailer, clock, user, token } = await registered();
    clock.advance(DAY - SECOND);
    await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' });
    expect((await accountState(user.id)).verifiedAt).toEqual(clock.now());
  });

  describe('refuses a link that is not valid, and changes nothing', () => {
    it('used before', async () => {
      const { mailer, clock, user, token } = await registered();
      await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' });
      const before = await accountState(user.id);
      clock.advance(MINUTE);

      const error = await rejection(confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' }));

      expect(error.code).toBe('invalid-link');
      expect(error.message).toBe(AUTH_MESSAGES['invalid-link']);
      expect(await accountState(user.id)).toEqual(before);
    });

    it('more than 24 hours old', async () => {
      const { mailer, clock, user, token } = await registered();
      clock.advance(DAY + SECOND);

      const error = await rejection(confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' }));

      expect(error.code).toBe('invalid-link');
      expect(await accountState(user.id)).toEqual({ verifiedAt: null, sessions: 0, usedLinks: 0 });
    });

    it('with one character of its secret changed (and the genuine link still works afterwards)', async () => {
      const { mailer, clock, user, token } = await registered();
      const last = token!.at(-1) === 'a' ? 'b' : 'a';
      const tampered = `${token!.slice(0, -1)}${last}`;

      const error = await rejection(confirmEmail(testAuthDeps(t.db, mailer, clock), tampered, { ipAddress: '192.0.2.7' }));

      expect(error.code).toBe('invalid-link');
      expect(await accountState(user.id)).toEqual({ verifiedAt: null, sessions: 0, usedLinks: 0 });
      await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' });
      expect((await accountState(user.id)).verifiedAt).toEqual(clock.now());
    });

    it.each([
      ['unknown', () => generateToken().token],
      ['missing', () => null],
      ['malformed', () => 'not-a-token'],
    ])('%s', async (_, makeToken) => {
      const { mailer, clock, user } = await registered();

      const error = await rejection(confirmEmail(testAuthDeps(t.db, mailer, clock), makeToken(), { ipAddress: '192.0.2.7' }));

      expect(error.code).toBe('invalid-link');
      expect(await accountState(user.id)).toEqual({ verifiedAt: null, sessions: 0, usedLinks: 0 });
    });
  });
});

describe('resendVerification', () => {
  async function resend(mailer: FakeMailer, clock: TestClock, email: string) {
    const user = await findUserByEmail(t.db, email);
    await resendVerification(testAuthDeps(t.db, mailer, clock), user!, '/account/');
  }

  it('sends a fresh link three times in 15 minutes, refuses the 4th, and sends again in the next window', async () => {
    const { mailer, clock, email, user } = await registered();
    for (let i = 0; i < 3; i++) await resend(mailer, clock, email);
    expect(mailer.to(email)).toHaveLength(4); // the registration's, then three more

    const error = await rejection(resend(mailer, clock, email));

    expect(error.code).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(15 * 60);
    expect(mailer.to(email)).toHaveLength(4);
    clock.advance(15 * MINUTE);
    await resend(mailer, clock, email);
    expect(mailer.to(email)).toHaveLength(5);
    // Each new link works on its own.
    const newest = linkParams(mailer.to(email).at(-1)!);
    expect(newest.next).toBe('/account/');
    await confirmEmail(testAuthDeps(t.db, mailer, clock), newest.token, { ipAddress: '192.0.2.7' });
    expect((await accountState(user.id)).verifiedAt).toEqual(clock.now());
  });

  it('sends nothing to an address that is already verified', async () => {
    const { mailer, clock, email, token } = await registered();
    await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' });

    await resend(mailer, clock, email);

    expect(mailer.to(email)).toHaveLength(1);
  });
});

/** Registers `email` again, from another client, with `password`; returns that registration's link. */
async function registerAgain(email: string, password: string, clock: TestClock) {
  const mailer = fakeMailer();
  await registerAccount(testAuthDeps(t.db, mailer, clock), { email, password, next: '/' }, { ipAddress: uniqueIdentity().ipAddress });
  const [message] = mailer.to(email);
  return { message, token: message ? linkParams(message).token : null };
}

async function passwordOf(email: string): Promise<string> {
  return (await findUserByEmail(t.db, email))!.passwordHash;
}

describe('pre-hijacking: an address registered by someone else first', () => {
  const INTRUDER = 'the intruder chose this';
  const OWNER = 'the owner chose this one';

  it('a second registration of an unconfirmed address gets a confirmation link of its own and changes nothing on the account yet', async () => {
    const { email, clock, user } = await registered();

    const again = await registerAgain(email, OWNER, clock);

    expect(again.message?.subject).toBe('Confirm your e-mail address for Masthead');
    expect(again.token).not.toBeNull();
    expect(await findUserByEmail(t.db, email)).toEqual(user); // the first password stays until a link is used
  });

  it('the password that stays is the one whose link was used, and the other registration’s link stops working', async () => {
    const { email, clock, token: intrudersLink } = await registered(); // made with PASSWORD
    const { token: ownersLink } = await registerAgain(email, OWNER, clock);

    await confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), ownersLink, { ipAddress: '192.0.2.7' });

    expect(await verifyPassword(await passwordOf(email), OWNER)).toBe(true);
    expect(await verifyPassword(await passwordOf(email), PASSWORD)).toBe(false);
    const error = await rejection(confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), intrudersLink, { ipAddress: '192.0.2.8' }));
    expect(error.code).toBe('invalid-link');
    expect(await verifyPassword(await passwordOf(email), OWNER)).toBe(true);
  });

  it('using the first registration’s link keeps the first registration’s password', async () => {
    const { email, clock, token } = await registered();
    await registerAgain(email, INTRUDER, clock);

    await confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), token, { ipAddress: '192.0.2.7' });

    expect(await verifyPassword(await passwordOf(email), PASSWORD)).toBe(true);
    expect(await verifyPassword(await passwordOf(email), INTRUDER)).toBe(false);
  });

  it('confirming ends every session that existed before; the prover gets a fresh one', async () => {
    const { email, clock, user } = await registered(); // the intruder's registration
    const intruders = await createSession(t.db, user.id, clock.now(), { ipAddress: '198.51.100.66' });
    const { token: ownersLink } = await registerAgain(email, OWNER, clock);

    const confirmed = await confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), ownersLink, { ipAddress: '192.0.2.7' });

    expect((await validateSessionToken(t.db, intruders.token, clock.now())).session).toBeNull();
    expect((await validateSessionToken(t.db, confirmed.token, clock.now())).user?.id).toBe(user.id);
    expect((await accountState(user.id)).sessions).toBe(1);
  });

  it('a change of address asked for before the address was proven cannot be confirmed afterwards', async () => {
    const { email, clock, user, token } = await registered(); // the intruder knows PASSWORD
    const mailer = fakeMailer();
    await requestEmailChange(testAuthDeps(t.db, mailer, clock), user, { password: PASSWORD, newEmail: 'intruder@evil.example' });
    const changeLink = linkParams(mailer.to('intruder@evil.example')[0]!).token;

    await confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), token, { ipAddress: '192.0.2.7' });

    const error = await rejection(confirmEmailChange(testAuthDeps(t.db, fakeMailer(), clock), changeLink, { ipAddress: '198.51.100.66' }));
    expect(error.code).toBe('invalid-link');
    expect((await findUserByEmail(t.db, email))?.id).toBe(user.id);
  });

  it('registering an address again 7 days after an unconfirmed registration replaces it', async () => {
    const { email, clock, user } = await registered();
    clock.advance(7 * DAY + SECOND);

    const again = await registerAgain(email, OWNER, clock);

    const now = await findUserByEmail(t.db, email);
    expect(now?.id).not.toBe(user.id);
    expect(now?.createdAt).toEqual(clock.now());
    expect(await verifyPassword(now!.passwordHash, OWNER)).toBe(true);
    expect(await usersWithEmail(email)).toBe(1);
    expect(again.message?.subject).toBe('Confirm your e-mail address for Masthead');
  });

  it('within the 7 days, the unconfirmed registration stands', async () => {
    const { email, clock, user } = await registered();
    clock.advance(7 * DAY - SECOND);
    await registerAgain(email, OWNER, clock);
    expect((await findUserByEmail(t.db, email))?.id).toBe(user.id);
  });

  it('upkeep deletes registrations unconfirmed for 7 days and keeps confirmed and younger ones', async () => {
    const old = await registered();
    const confirmedOld = await registered();
    await confirmEmail(testAuthDeps(t.db, fakeMailer(), confirmedOld.clock), confirmedOld.token, { ipAddress: '192.0.2.7' });
    const later = testClock(new Date(old.clock.now().getTime() + 7 * DAY + SECOND));
    const young = uniqueIdentity();
    await registerAccount(testAuthDeps(t.db, fakeMailer(), testClock(new Date(later.now().getTime() - DAY))), { email: young.email, password: PASSWORD, next: '/' }, { ipAddress: young.ipAddress });

    const deleted = await pruneUnconfirmedAccounts(t.db, later.now());

    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await usersWithEmail(old.email)).toBe(0);
    expect(await usersWithEmail(confirmedOld.email)).toBe(1);
    expect(await usersWithEmail(young.email)).toBe(1);
  });
});

describe('resendConfirmation (from the sign-in page, by address)', () => {
  const resend = (mailer: FakeMailer, clock: TestClock, email: string, ipAddress = uniqueIdentity().ipAddress) =>
    resendConfirmation(testAuthDeps(t.db, mailer, clock), { email, next: '/markets/' }, { ipAddress });

  it('sends a new link that confirms the address and decides no password, whoever registered last', async () => {
    const { email, clock } = await registered(); // the owner, with PASSWORD
    clock.advance(MINUTE);
    await registerAgain(email, 'an intruder registered after the owner', clock);
    clock.advance(MINUTE);
    const mailer = fakeMailer();

    await resend(mailer, clock, email);

    const [message] = mailer.to(email);
    expect(linkParams(message!)).toMatchObject({ path: '/verify-email/', next: '/markets/' });
    const confirmed = await confirmEmail(testAuthDeps(t.db, mailer, clock), linkParams(message!).token, { ipAddress: '192.0.2.7' });
    expect(confirmed.passwordCleared).toBe(true);
    expect(confirmed.user.emailVerifiedAt).toEqual(clock.now());
    expect(await verifyPassword(await passwordOf(email), 'an intruder registered after the owner')).toBe(false);
    expect(await verifyPassword(await passwordOf(email), PASSWORD)).toBe(false);
  });

  it('answers the same for an unknown address and a confirmed one, and sends nothing to them', async () => {
    const { email, clock, token } = await registered();
    await confirmEmail(testAuthDeps(t.db, fakeMailer(), clock), token, { ipAddress: '192.0.2.7' });
    const mailer = fakeMailer();
    const unknown = uniqueIdentity().email;

    expect(await resend(mailer, clock, email)).toBeUndefined();
    expect(await resend(mailer, clock, unknown)).toBeUndefined();
    expect(mailer.sent).toEqual([]);
  });

  it('sends at most three links per address in 15 minutes and ten per client in an hour', async () => {
    const { email, clock } = await registered();
    const mailer = fakeMailer();
    for (let i = 0; i < 3; i++) await resend(mailer, clock, email);
    expect((await rejection(resend(mailer, clock, email))).code).toBe('rate-limited');
    expect(mailer.to(email)).toHaveLength(3);

    const { ipAddress } = uniqueIdentity();
    for (let i = 0; i < 10; i++) await resend(mailer, clock, uniqueIdentity().email, ipAddress);
    expect((await rejection(resend(mailer, clock, uniqueIdentity().email, ipAddress))).code).toBe('rate-limited');
  });
});

describe('welcome credits, once per address', () => {
  const balanceOf = async (email: string) => (await findUserByEmail(t.db, email))?.creditBalance;

  async function registerAndConfirm(email: string, password = PASSWORD) {
    const mailer = fakeMailer();
    const clock = testClock();
    await registerAccount(testAuthDeps(t.db, mailer, clock), { email, password, next: '/' }, { ipAddress: uniqueIdentity().ipAddress });
    const token = linkParams(mailer.to(email).at(-1)!).token;
    await confirmEmail(testAuthDeps(t.db, mailer, clock), token, { ipAddress: '192.0.2.7' });
    return (await findUserByEmail(t.db, email))!;
  }

  it('are not granted again after the account is deleted and the address registers again', async () => {
    const { email } = uniqueIdentity();
    const first = await registerAndConfirm(email);
    expect(first.creditBalance).toBe(CREDIT_CONFIG.welcome);
    await deleteAccount(testAuthDeps(t.db, fakeMailer(), testClock()), first, PASSWORD);

    const second = await registerAndConfirm(email);

    expect(second.id).not.toBe(first.id);
    expect(second.emailVerifiedAt).not.toBeNull();
    expect(await balanceOf(email)).toBe(0);
  });

  it.each([
    ['a +tag', (id: string) => [`reader-${id}@example.test`, `reader-${id}+again@example.test`]],
    ['dots and googlemail.com at Gmail', (id: string) => [`ana.${id}@gmail.com`, `ana${id}+x@googlemail.com`]],
  ])('are not multiplied by %s', async (_, addresses) => {
    const [email, other] = addresses(uniqueIdentity().email.split('@')[0]!.replace('reader-', ''));
    await registerAndConfirm(email!);

    await registerAndConfirm(other!);

    expect(await balanceOf(email!)).toBe(CREDIT_CONFIG.welcome);
    expect(await balanceOf(other!)).toBe(0);
    expect((await findUserByEmail(t.db, other!))?.emailVerifiedAt).not.toBeNull(); // verified all the same
  });

  it('keep a keyed hash of the address after deletion, never the address', async () => {
    const { email } = uniqueIdentity();
    const user = await registerAndConfirm(email);
    await deleteAccount(testAuthDeps(t.db, fakeMailer(), testClock()), user, PASSWORD);

    const rows = await t.db.select().from(welcomeGrants);
    const key = await welcomeAddressKey(t.db, email, testClock().now());
    expect(rows.map((r) => r.addressKey)).toContain(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(email.split('@')[0]);
  });
});
