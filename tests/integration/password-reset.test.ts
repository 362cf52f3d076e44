// Forgotten passwords: the link is mailed only to an account's address, works once, for one
// hour, and resetting signs the account out everywhere. PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/index.ts';
import { hashPassword, verifyPassword } from '../../src/server/auth/password-hash.ts';
import { requestPasswordReset, resetPassword } from '../../src/server/auth/password-reset.ts';
import { confirmEmailChange, requestEmailChange } from '../../src/server/auth/credentials.ts';
import { requestSignInLink, signInWithLink } from '../../src/server/auth/sign-in.ts';
import { createSession, validateSessionToken } from '../../src/server/auth/sessions.ts';
import { findUserByEmail, insertUser } from '../../src/server/auth/users.ts';
import { fakeMailer, freshDatabase, linkParams, MINUTE, testAuthDeps, testClock, TEST_SITE_URL, type FakeMailer, type TestClock, type TestDatabase } from '../support/test-db.ts';

const OLD_PASSWORD = 'old tired password';
const NEW_PASSWORD = 'a brand new passphrase';
const META = { ipAddress: '203.0.113.7', userAgent: 'Vitest' };

let t: TestDatabase;
let mail: FakeMailer;
let clock: TestClock;

beforeEach(async () => {
  t = await freshDatabase();
  mail = fakeMailer();
  clock = testClock();
}, 60_000); // the first call migrates the template database
afterEach(() => t?.close());

/** The account commands' dependencies at the clock's current time. */
const deps = () => testAuthDeps(t.db, mail, clock);

async function createReader(email: string, verified = true) {
  const passwordHash = await hashPassword(OLD_PASSWORD);
  const user = await insertUser(t.db, { email, passwordHash, displayName: null }, clock.now());
  if (!user) throw new Error(`${email} already exists`);
  if (verified) await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user.id));
  return user;
}

/** Asks for a reset link and returns the token in it. */
async function resetToken(email: string): Promise<string> {
  await requestPasswordReset(deps(), { email, next: '/' }, META);
  const message = mail.sent.at(-1);
  const token = message && linkParams(message).token;
  if (!token) throw new Error('No reset link was sent.');
  return token;
}

async function passwordIs(email: string, password: string): Promise<boolean> {
  const user = await findUserByEmail(t.db, email);
  return Boolean(user && (await verifyPassword(user.passwordHash, password)));
}

describe('requestPasswordReset', () => {
  it('mails a reset link to the address of the account', async () => {
    await createReader('ada@example.com');
    await requestPasswordReset(deps(), { email: 'ada@example.com', next: '/business/a-story/' }, META);
    expect(mail.sent).toHaveLength(1);
    const [message] = mail.sent;
    if (!message) throw new Error('No message was sent.');
    expect(message.to).toBe('ada@example.com');
    expect(message.link.startsWith(`${TEST_SITE_URL}/reset-password/?`)).toBe(true);
    const { token, next } = linkParams(message);
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect(next).toBe('/business/a-story/');
  });

  it('sends nothing for an address without an account, and answers the same', async () => {
    await expect(requestPasswordReset(deps(), { email: 'nobody@example.com', next: '/' }, META)).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(0);
  });

  it('answers a fourth request for one address within the hour as the first, and sends nothing more', async () => {
    await createReader('ada@example.com');
    for (let i = 0; i < 3; i++) await requestPasswordReset(deps(), { email: 'ada@example.com', next: '/' }, { ipAddress: `198.51.100.${i}` });
    await expect(requestPasswordReset(deps(), { email: 'ada@example.com', next: '/' }, { ipAddress: '198.51.100.9' })).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(3);
  });

  it('answers alike past the limit for an unknown address, so the limit reveals nothing', async () => {
    for (let i = 0; i < 4; i++) await expect(requestPasswordReset(deps(), { email: 'nobody@example.com', next: '/' }, META)).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(0);
  });

  it('tells only the client that asked too often, and that links already sent still work', async () => {
    for (let i = 0; i < 10; i++) await requestPasswordReset(deps(), { email: `reader${i}@example.com`, next: '/' }, META);
    await expect(requestPasswordReset(deps(), { email: 'ada@example.com', next: '/' }, META)).rejects.toMatchObject({
      code: 'link-requests-limited',
      message: expect.stringMatching(/Links already e-mailed to you still work/),
    });
  });
});

describe('resetPassword', () => {
  it('sets the new password once; the same link then fails', async () => {
    await createReader('ada@example.com');
    const token = await resetToken('ada@example.com');
    await resetPassword(deps(), { token, password: NEW_PASSWORD });
    expect(await passwordIs('ada@example.com', NEW_PASSWORD)).toBe(true);
    expect(await passwordIs('ada@example.com', OLD_PASSWORD)).toBe(false);

    await expect(resetPassword(deps(), { token, password: 'yet another passphrase' })).rejects.toMatchObject({ code: 'invalid-link' });
    expect(await passwordIs('ada@example.com', NEW_PASSWORD)).toBe(true);
  });

  it('refuses a link older than one hour', async () => {
    await createReader('ada@example.com');
    const token = await resetToken('ada@example.com');
    clock.advance(61 * MINUTE);
    await expect(resetPassword(deps(), { token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'invalid-link' });
    expect(await passwordIs('ada@example.com', OLD_PASSWORD)).toBe(true);
  });

  it('refuses a tampered, malformed or missing link', async () => {
    await createReader('ada@example.com');
    const token = await resetToken('ada@example.com');
    const flip = (c: string) => (c === 'a' ? 'b' : 'a');
    const tampered = [
      token.slice(0, -1) + flip(token.slice(-1)), // another secret
      flip(token[0] ?? 'a') + token.slice(1), // another id
      token.slice(0, -1),
      `${token}x`,
      '',
      null,
    ];
    for (const bad of tampered) {
      await expect(resetPassword(deps(), { token: bad, password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'invalid-link' });
    }
    expect(await passwordIs('ada@example.com', OLD_PASSWORD)).toBe(true);
    // The real link still works: failed attempts did not use it up.
    await resetPassword(deps(), { token, password: NEW_PASSWORD });
    expect(await passwordIs('ada@example.com', NEW_PASSWORD)).toBe(true);
  });

  it('signs the account out on every device', async () => {
    const ada = await createReader('ada@example.com');
    const other = await createReader('grace@example.com');
    const laptop = await createSession(t.db, ada.id, clock.now(), META);
    const phone = await createSession(t.db, ada.id, clock.now(), META);
    const bystander = await createSession(t.db, other.id, clock.now(), META);

    await resetPassword(deps(), { token: await resetToken('ada@example.com'), password: NEW_PASSWORD });

    expect((await validateSessionToken(t.db, laptop.token, clock.now())).session).toBeNull();
    expect((await validateSessionToken(t.db, phone.token, clock.now())).session).toBeNull();
    const [left] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, ada.id));
    expect(left?.n).toBe(0);
    expect((await validateSessionToken(t.db, bystander.token, clock.now())).user?.email).toBe('grace@example.com');
  });

  it('confirms an address that was not confirmed yet', async () => {
    await createReader('ada@example.com', false);
    await resetPassword(deps(), { token: await resetToken('ada@example.com'), password: NEW_PASSWORD });
    expect((await findUserByEmail(t.db, 'ada@example.com'))?.emailVerifiedAt).toEqual(clock.now());
  });

  it('makes the account’s other reset links unusable', async () => {
    await createReader('ada@example.com');
    const first = await resetToken('ada@example.com');
    const second = await resetToken('ada@example.com');
    await resetPassword(deps(), { token: second, password: NEW_PASSWORD });
    await expect(resetPassword(deps(), { token: first, password: 'an attacker passphrase' })).rejects.toMatchObject({ code: 'invalid-link' });
    expect(await passwordIs('ada@example.com', NEW_PASSWORD)).toBe(true);
  });
});

describe('a reset ends what whoever knew the old password set up', () => {
  it('a change of address the intruder asked for before the reset cannot be confirmed after it', async () => {
    const ada = await createReader('ada@example.com');
    await requestEmailChange(deps(), ada, { password: OLD_PASSWORD, newEmail: 'intruder@evil.example' });
    const changeLink = linkParams(mail.to('intruder@evil.example').at(-1)!).token;

    await resetPassword(deps(), { token: await resetToken('ada@example.com'), password: NEW_PASSWORD });

    await expect(confirmEmailChange(deps(), changeLink, { ipAddress: '198.51.100.66' })).rejects.toMatchObject({ code: 'invalid-link' });
    expect((await findUserByEmail(t.db, 'ada@example.com'))?.id).toBe(ada.id);
    expect(await findUserByEmail(t.db, 'intruder@evil.example')).toBeUndefined();
  });

  it('a sign-in link sent before the reset no longer signs in', async () => {
    const ada = await createReader('ada@example.com');
    await requestSignInLink(deps(), { email: 'ada@example.com', next: '/' }, META);
    const signInLink = linkParams(mail.to('ada@example.com').at(-1)!).token;

    await resetPassword(deps(), { token: await resetToken('ada@example.com'), password: NEW_PASSWORD });

    await expect(signInWithLink(deps(), signInLink, META)).rejects.toMatchObject({ code: 'invalid-link' });
    const [left] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, ada.id));
    expect(left?.n).toBe(0);
  });
});
