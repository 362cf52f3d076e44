// Signing in with a password or with a link sent by e-mail, against a real database.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTokens, rateLimits, sessions, users, type User } from '../../db/schema/index.ts';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';
import { PasswordCheckGate } from '../../src/server/auth/password-check-gate.ts';
import { AUTH_MESSAGES, AuthError } from '../../src/server/auth/auth-error.ts';
import { hashPassword, verifyPassword } from '../../src/server/auth/password-hash.ts';
import { createSession, listUserSessions, validateSessionToken } from '../../src/server/auth/sessions.ts';
import { requestSignInLink, signInWithLink, signInWithPassword } from '../../src/server/auth/sign-in.ts';
import { findUserById, insertUser } from '../../src/server/auth/users.ts';
import {
  DATABASE_SETUP_TIMEOUT_MS,
  fakeMailer,
  freshDatabase,
  linkParams,
  MINUTE,
  SECOND,
  testAuthDeps,
  testClock,
  uniqueIdentity,
  type TestDatabase,
} from '../support/test-db.ts';

let t: TestDatabase;
let passwordHash: string;
beforeAll(async () => {
  t = await freshDatabase();
  passwordHash = await hashPassword(PASSWORD);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

const PASSWORD = 'a long and private passphrase';
/** For tests that check a password (argon2id, 19 MiB) a dozen times or more: slow on a busy machine. */
const MANY_HASHES = { timeout: 30_000 };

/** An account written straight to the database, as registration would leave it. */
async function account(options: { verified?: boolean } = {}) {
  const { email, ipAddress } = uniqueIdentity();
  const clock = testClock();
  const user = await insertUser(t.db, { email, passwordHash, displayName: null }, clock.now());
  if (!user) throw new Error('account not created');
  if (options.verified ?? true) await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user.id));
  return { user: (await findUserById(t.db, user.id)) as User, email, ipAddress, clock, mailer: fakeMailer() };
}

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

async function sessionCount(userId: string): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

describe('signInWithPassword', () => {
  it('signs in with the right password and records the browser', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();

    const signedIn = await signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD }, { ipAddress, userAgent: 'Safari' });

    expect(signedIn.user.id).toBe(user.id);
    const validated = await validateSessionToken(t.db, signedIn.token, clock.now());
    expect(validated.user?.id).toBe(user.id);
    expect(await listUserSessions(t.db, user.id, clock.now())).toMatchObject([{ id: validated.session?.id, ipAddress, userAgent: 'Safari', createdAt: clock.now() }]);
  });

  it('gives a wrong password and an unknown address the same answer, and creates no session', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    const deps = testAuthDeps(t.db, mailer, clock);

    const wrongPassword = await rejection(signInWithPassword(deps, { email, password: 'not the password' }, { ipAddress }));
    const unknownAddress = await rejection(signInWithPassword(deps, { email: uniqueIdentity().email, password: PASSWORD }, { ipAddress }));

    expect(wrongPassword.code).toBe('invalid-credentials');
    expect(wrongPassword.message).toBe(AUTH_MESSAGES['invalid-credentials']);
    expect({ code: unknownAddress.code, message: unknownAddress.message }).toEqual({ code: wrongPassword.code, message: wrongPassword.message });
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('refuses the 9th attempt on one account within 15 minutes, even with the right password', MANY_HASHES, async () => {
    const { user, email, clock, mailer } = await account();
    // Each attempt from another address: the per-account limit must hold on its own.
    const attempt = (password: string) =>
      signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password }, { ipAddress: uniqueIdentity().ipAddress });
    for (let i = 0; i < 8; i++) expect((await rejection(attempt(`guess number ${i}`))).code).toBe('invalid-credentials');
    clock.advance(10 * MINUTE);

    const ninth = await rejection(attempt(PASSWORD));

    expect(ninth.code).toBe('sign-in-limited');
    expect(ninth.message).toBe(AUTH_MESSAGES['sign-in-limited']);
    expect(ninth.message).toMatch(/link sent by e-mail/);
    expect(ninth.retryAfterSeconds).toBe(5 * 60);
    expect(await sessionCount(user.id)).toBe(0);
    clock.advance(5 * MINUTE);
    await expect(attempt(PASSWORD)).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('refuses the 21st attempt from one client address within 15 minutes, whichever account it names', MANY_HASHES, async () => {
    const { user, email, clock, mailer } = await account();
    const { ipAddress } = uniqueIdentity();
    const deps = testAuthDeps(t.db, mailer, clock);
    for (let i = 0; i < 20; i++) {
      const error = await rejection(signInWithPassword(deps, { email: uniqueIdentity().email, password: PASSWORD }, { ipAddress }));
      expect(error.code).toBe('invalid-credentials');
    }

    const limited = await rejection(signInWithPassword(deps, { email, password: PASSWORD }, { ipAddress }));

    expect(limited.code).toBe('sign-in-limited');
    expect(await sessionCount(user.id)).toBe(0);
    // The same account from another address is not held back.
    await expect(signInWithPassword(deps, { email, password: PASSWORD }, { ipAddress: uniqueIdentity().ipAddress })).resolves.toMatchObject({
      user: { id: user.id },
    });
  });
});

describe('signInWithPassword under a burst of guesses', () => {
  /** No per-process bound at all, as when each guess reaches another instance. */
  const wideOpen = () => new PasswordCheckGate({ concurrent: 1000, queue: 1000, perKeyQueue: 1000 });
  const codes = (results: PromiseSettledResult<unknown>[]) =>
    results.map((r) => (r.status === 'fulfilled' ? 'signed-in' : r.reason instanceof AuthError ? r.reason.code : String(r.reason)));
  const tally = (list: string[]) => Object.fromEntries([...new Set(list)].map((c) => [c, list.filter((x) => x === c).length]));

  it('counts every attempt before checking the password: of 60 at once, at most the limit are checked', MANY_HASHES, async () => {
    const { user, email, clock, mailer } = await account();
    const { limit } = RATE_LIMITS['sign-in:account'];
    const gate = wideOpen();
    // The right password is among them: wherever it lands, no more than the limit are checked.
    const guesses = [...Array.from({ length: 59 }, (_, i) => `wrong guess ${i}`), PASSWORD];

    const results = await Promise.allSettled(
      guesses.map((password) => signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password }, { ipAddress: uniqueIdentity().ipAddress }, gate)),
    );

    const counts = tally(codes(results));
    expect((counts['invalid-credentials'] ?? 0) + (counts['signed-in'] ?? 0)).toBeLessThanOrEqual(limit);
    expect(counts['sign-in-limited']).toBeGreaterThanOrEqual(60 - limit);
    expect(await sessionCount(user.id)).toBe(counts['signed-in'] ?? 0);
  });

  it('checks one password at a time per account in this process and refuses the rest at once, uncounted', MANY_HASHES, async () => {
    const { email, clock, mailer } = await account();
    const deps = testAuthDeps(t.db, mailer, clock);

    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => signInWithPassword(deps, { email, password: `wrong guess ${i}` }, { ipAddress: uniqueIdentity().ipAddress })),
    );

    // One running and one waiting behind it; the other 28 never reach argon2 or the counter.
    expect(tally(codes(results))).toEqual({ 'invalid-credentials': 2, 'sign-in-limited': 28 });
    const [row] = await t.db.select({ hits: rateLimits.hits }).from(rateLimits).where(eq(rateLimits.bucket, `sign-in:account:${email}`));
    expect(row?.hits).toBe(2);
  });

  it('never holds back a reader who signs in often: a success gives its attempt back', MANY_HASHES, async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    const { limit } = RATE_LIMITS['sign-in:account'];
    for (let i = 0; i < limit + 4; i++) {
      await expect(signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD }, { ipAddress })).resolves.toMatchObject({ user: { id: user.id } });
    }
    // The failures still count in full: the limit of wrong guesses is unchanged.
    for (let i = 0; i < limit; i++) expect((await rejection(signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password: `guess ${i}` }, { ipAddress }))).code).toBe('invalid-credentials');
    expect((await rejection(signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD }, { ipAddress }))).code).toBe('sign-in-limited');
  });

  it('refuses the right password of an unconfirmed account with a way to get the link again, and a wrong one as usual', async () => {
    const { user, email, ipAddress, clock, mailer } = await account({ verified: false });
    const deps = testAuthDeps(t.db, mailer, clock);

    const wrong = await rejection(signInWithPassword(deps, { email, password: 'not the password' }, { ipAddress }));
    const right = await rejection(signInWithPassword(deps, { email, password: PASSWORD }, { ipAddress }));

    expect(wrong.code).toBe('invalid-credentials');
    expect(right.code).toBe('unverified');
    expect(right.message).toBe(AUTH_MESSAGES.unverified);
    expect(right.message).toMatch(/not confirmed yet.*ask for it again/);
    expect(await sessionCount(user.id)).toBe(0);
  });
});

describe('an owner whose password sign-in someone else has used up', () => {
  it('still gets in with a link from the inbox, though the attempts and link requests are used up', MANY_HASHES, async () => {
    const { user, email, clock, mailer } = await account();
    const { limit } = RATE_LIMITS['sign-in:account'];
    const deps = () => testAuthDeps(t.db, mailer, clock);
    const attacker = () => ({ ipAddress: uniqueIdentity().ipAddress });
    for (let i = 0; i < limit; i++) await rejection(signInWithPassword(deps(), { email, password: `guess ${i}` }, attacker()));
    for (let i = 0; i < 3; i++) await requestSignInLink(deps(), { email, next: '/' }, attacker());
    clock.advance(MINUTE);

    // The owner's own request is answered as any other, though no more links are sent.
    await expect(requestSignInLink(deps(), { email, next: '/' }, { ipAddress: uniqueIdentity().ipAddress })).resolves.toBeUndefined();
    expect((await rejection(signInWithPassword(deps(), { email, password: PASSWORD }, { ipAddress: uniqueIdentity().ipAddress }))).code).toBe('sign-in-limited');
    const inbox = mailer.to(email);
    expect(inbox).toHaveLength(3);

    const signedIn = await signInWithLink(deps(), linkParams(inbox.at(-1)!).token, { ipAddress: uniqueIdentity().ipAddress });

    expect(signedIn.user.id).toBe(user.id);
    expect(await sessionCount(user.id)).toBe(1);
  });
});

describe('sign-in links', () => {
  it('sends nothing for an address without an account, and answers as for one with an account', async () => {
    const { clock, mailer, ipAddress } = await account();
    const [tokensBefore] = await t.db.select({ n: count() }).from(emailTokens);

    const answer = await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email: uniqueIdentity().email, next: '/' }, { ipAddress });

    expect(answer).toBeUndefined();
    expect(mailer.sent).toEqual([]);
    const [tokensAfter] = await t.db.select({ n: count() }).from(emailTokens);
    expect(tokensAfter).toEqual(tokensBefore);
  });

  it('e-mails a link that signs the reader in once', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/markets/a-story/' }, { ipAddress });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: email, subject: 'Your sign-in link for Masthead' });
    const link = linkParams(mailer.sent[0]!);
    expect(link).toMatchObject({ path: '/sign-in/link/', next: '/markets/a-story/' });
    clock.advance(2 * MINUTE);

    const signedIn = await signInWithLink(testAuthDeps(t.db, mailer, clock), link.token, { ipAddress });

    expect(signedIn.user.id).toBe(user.id);
    expect((await validateSessionToken(t.db, signedIn.token, clock.now())).user?.id).toBe(user.id);
    const again = await rejection(signInWithLink(testAuthDeps(t.db, mailer, clock), link.token, { ipAddress }));
    expect(again.code).toBe('invalid-link');
    expect(await sessionCount(user.id)).toBe(1);
  });

  it('works until the link is 15 minutes old, and not from then on', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    const deps = () => testAuthDeps(t.db, mailer, clock);
    await requestSignInLink(deps(), { email, next: '/' }, { ipAddress });
    await requestSignInLink(deps(), { email, next: '/' }, { ipAddress });
    const [first, second] = mailer.to(email).map((m) => linkParams(m).token);

    clock.advance(15 * MINUTE - SECOND);
    await expect(signInWithLink(deps(), first!, { ipAddress })).resolves.toMatchObject({ user: { id: user.id } });
    clock.advance(SECOND);
    const expired = await rejection(signInWithLink(deps(), second!, { ipAddress }));

    expect(expired.code).toBe('invalid-link');
    expect(await sessionCount(user.id)).toBe(1);
  });

  it('marks an unverified address as verified, since receiving the link proves it', async () => {
    const { user, email, ipAddress, clock, mailer } = await account({ verified: false });
    expect(user.emailVerifiedAt).toBeNull();
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });
    clock.advance(MINUTE);

    const signedIn = await signInWithLink(testAuthDeps(t.db, mailer, clock), linkParams(mailer.sent[0]!).token, { ipAddress });

    expect(signedIn.user.emailVerifiedAt).toEqual(clock.now());
    expect((await findUserById(t.db, user.id))?.emailVerifiedAt).toEqual(clock.now());
  });

  it('leaves the verification time of a verified address as it was', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });
    clock.advance(MINUTE);

    await signInWithLink(testAuthDeps(t.db, mailer, clock), linkParams(mailer.sent[0]!).token, { ipAddress });

    expect((await findUserById(t.db, user.id))?.emailVerifiedAt).toEqual(user.emailVerifiedAt);
  });

  it('sends at most three links to one address in 15 minutes, and answers the fourth request as the first', async () => {
    const { email, clock, mailer } = await account();
    const request = () => requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress: uniqueIdentity().ipAddress });
    for (let i = 0; i < 3; i++) await request();

    await expect(request()).resolves.toBeUndefined();
    expect(mailer.to(email)).toHaveLength(3);
  });

  it('tells only the client that asked too often, and says the links already sent still work', async () => {
    const { clock, mailer } = await account();
    const { ipAddress } = uniqueIdentity();
    const request = () => requestSignInLink(testAuthDeps(t.db, mailer, clock), { email: uniqueIdentity().email, next: '/' }, { ipAddress });
    for (let i = 0; i < 10; i++) await request();

    const limited = await rejection(request());

    expect(limited.code).toBe('link-requests-limited');
    expect(limited.message).toMatch(/Links already e-mailed to you still work/);
  });
});

describe('a sign-in link that proves an unverified address (pre-hijacking)', () => {
  it('ends every session that existed before, gives the prover a fresh one, and leaves the earlier password unusable', async () => {
    const { user, email, ipAddress, clock, mailer } = await account({ verified: false }); // registered by someone with PASSWORD
    const intruders = await createSession(t.db, user.id, clock.now(), { ipAddress: '198.51.100.66' });
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });

    const owner = await signInWithLink(testAuthDeps(t.db, mailer, clock), linkParams(mailer.to(email).at(-1)!).token, { ipAddress });

    expect(owner.passwordCleared).toBe(true);
    expect((await validateSessionToken(t.db, intruders.token, clock.now())).session).toBeNull();
    expect((await validateSessionToken(t.db, owner.token, clock.now())).user?.id).toBe(user.id);
    expect(await sessionCount(user.id)).toBe(1);
    const after = await findUserById(t.db, user.id);
    expect(await verifyPassword(after!.passwordHash, PASSWORD)).toBe(false);
    expect(after!.passwordHash).toMatch(/^\$argon2id\$/); // a real hash: checking it takes as long as any other
    await expect(signInWithPassword(testAuthDeps(t.db, mailer, clock), { email, password: PASSWORD }, { ipAddress: '198.51.100.66' })).rejects.toMatchObject({ code: 'invalid-credentials' });
  });

  it('makes every other link sent before unusable', async () => {
    const { email, ipAddress, clock, mailer } = await account({ verified: false });
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });
    const [first, second] = mailer.to(email).map((m) => linkParams(m).token);

    await signInWithLink(testAuthDeps(t.db, mailer, clock), second!, { ipAddress });

    await expect(signInWithLink(testAuthDeps(t.db, mailer, clock), first!, { ipAddress })).rejects.toMatchObject({ code: 'invalid-link' });
  });

  it('for an address already verified, keeps the other sessions and the password', async () => {
    const { user, email, ipAddress, clock, mailer } = await account();
    const laptop = await createSession(t.db, user.id, clock.now(), { ipAddress });
    await requestSignInLink(testAuthDeps(t.db, mailer, clock), { email, next: '/' }, { ipAddress });

    const phone = await signInWithLink(testAuthDeps(t.db, mailer, clock), linkParams(mailer.to(email).at(-1)!).token, { ipAddress });

    expect(phone.passwordCleared).toBe(false);
    expect((await validateSessionToken(t.db, laptop.token, clock.now())).user?.id).toBe(user.id);
    expect(await verifyPassword((await findUserById(t.db, user.id))!.passwordHash, PASSWORD)).toBe(true);
  });
});
