// A signed-in reader changes their password or e-mail address: both need the current
// password, both sign out the other devices, and the change of address never tells whether
// another account uses the new one. PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { rateLimits, users } from '../../db/schema/index.ts';
import { emailField } from '../../src/lib/auth/form-schemas.ts';
import { deleteAccount } from '../../src/server/auth/account-data.ts';
import { hitRateLimit } from '../../src/server/auth/rate-limit.ts';
import { passwordChecks } from '../../src/server/auth/password-check-gate.ts';
import { requestSignInLink, signInWithLink } from '../../src/server/auth/sign-in.ts';
import type { MailMessage } from '../../src/lib/mail/messages.ts';
import { changePassword, confirmEmailChange, requestEmailChange } from '../../src/server/auth/credentials.ts';
import { hashPassword, verifyPassword } from '../../src/server/auth/password-hash.ts';
import { requestPasswordReset, resetPassword } from '../../src/server/auth/password-reset.ts';
import { createSession, validateSessionToken } from '../../src/server/auth/sessions.ts';
import { findUserById, insertUser } from '../../src/server/auth/users.ts';
import { DAY, fakeMailer, freshDatabase, linkParams, MINUTE, testAuthDeps, testClock, TEST_SITE_URL, type FakeMailer, type TestClock, type TestDatabase } from '../support/test-db.ts';

const PASSWORD = 'old tired password';
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

/** A verified reader signed in on two devices. */
async function signedInReader(email: string) {
  const user = await insertUser(t.db, { email, passwordHash: await hashPassword(PASSWORD), displayName: null }, clock.now());
  if (!user) throw new Error(`${email} already exists`);
  const [verified] = await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user.id)).returning();
  if (!verified) throw new Error('The reader vanished.');
  const here = await createSession(t.db, user.id, clock.now(), META);
  const elsewhere = await createSession(t.db, user.id, clock.now(), META);
  return { user: verified, here, elsewhere };
}

const stillSignedIn = async (token: string) => (await validateSessionToken(t.db, token, clock.now())).session !== null;

function tokenFrom(message: MailMessage | undefined): string {
  const token = message && linkParams(message).token;
  if (!token) throw new Error('The message has no link with a token.');
  return token;
}

describe('changePassword', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const { user, here, elsewhere } = await signedInReader('ada@example.com');
    await expect(changePassword(deps(), user, here.session.id, { currentPassword: 'not my password', newPassword: NEW_PASSWORD })).rejects.toMatchObject({ code: 'wrong-password' });
    const after = await findUserById(t.db, user.id);
    expect(await verifyPassword(after?.passwordHash ?? '', PASSWORD)).toBe(true);
    expect(await stillSignedIn(elsewhere.token)).toBe(true);
  });

  it('sets the new password, signs out the other devices and keeps this one', async () => {
    const { user, here, elsewhere } = await signedInReader('ada@example.com');
    await changePassword(deps(), user, here.session.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const after = await findUserById(t.db, user.id);
    expect(await verifyPassword(after?.passwordHash ?? '', NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after?.passwordHash ?? '', PASSWORD)).toBe(false);
    expect(await stillSignedIn(here.token)).toBe(true);
    expect(await stillSignedIn(elsewhere.token)).toBe(false);
  });

  it('stops guessing the current password with the sign-in limit', async () => {
    const { user, here } = await signedInReader('ada@example.com');
    const attempt = (currentPassword: string) => changePassword(deps(), user, here.session.id, { currentPassword, newPassword: NEW_PASSWORD });
    for (let i = 0; i < 8; i++) await expect(attempt(`guess number ${i}`)).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(attempt(PASSWORD)).rejects.toMatchObject({ code: 'rate-limited' });
  });

  it('makes reset links sent before the change unusable', async () => {
    const { user, here } = await signedInReader('ada@example.com');
    await requestPasswordReset(deps(), { email: 'ada@example.com', next: '/' }, META);
    await changePassword(deps(), user, here.session.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await expect(resetPassword(deps(), { token: tokenFrom(mail.sent[0]), password: 'an attacker passphrase' })).rejects.toMatchObject({ code: 'invalid-link' });
  });
});

describe('requestEmailChange', () => {
  it('mails a confirmation link to the new address and changes nothing yet', async () => {
    const { user } = await signedInReader('ada@example.com');
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    // (The current address gets a notice too: tests/integration/security-notices.test.ts.)
    expect(mail.to('ada@new.example')).toHaveLength(1);
    const url = new URL(mail.to('ada@new.example')[0]?.link ?? '');
    expect(url.origin + url.pathname).toBe(`${TEST_SITE_URL}/confirm-email-change/`);
    expect((await findUserById(t.db, user.id))?.email).toBe('ada@example.com');
  });

  it('refuses a wrong password and sends nothing', async () => {
    const { user } = await signedInReader('ada@example.com');
    await expect(requestEmailChange(deps(), user, { password: 'not my password', newEmail: 'ada@new.example' })).rejects.toMatchObject({ code: 'wrong-password' });
    expect(mail.sent).toHaveLength(0);
  });

  it('sends no link, and says nothing, when another account has the address', async () => {
    const { user } = await signedInReader('ada@example.com');
    await signedInReader('grace@example.com');
    await expect(requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'grace@example.com' })).resolves.toBeUndefined();
    expect(mail.to('grace@example.com')).toHaveLength(0);
    // The account's own address is still told that a change was asked for.
    expect(mail.to('ada@example.com').map((m) => m.subject)).toEqual(['Someone asked to change the e-mail address of your Masthead account']);
  });

  it('sends nothing when the new address is the current one', async () => {
    const { user } = await signedInReader('ada@example.com');
    await expect(requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@example.com' })).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(0);
  });
});

describe('confirmEmailChange', () => {
  it('switches to the new address, confirms it, and signs in here only', async () => {
    const { user, here, elsewhere } = await signedInReader('ada@example.com');
    await t.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, user.id));
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    const later = clock.advance(5 * MINUTE);

    const confirmed = await confirmEmailChange(deps(), tokenFrom(mail.sent[0]), META);

    const after = await findUserById(t.db, user.id);
    expect(after?.email).toBe('ada@new.example');
    expect(after?.emailVerifiedAt).toEqual(later);
    expect(confirmed.user.email).toBe('ada@new.example');
    expect((await validateSessionToken(t.db, confirmed.token, later)).user?.id).toBe(user.id);
    expect(await stillSignedIn(here.token)).toBe(false);
    expect(await stillSignedIn(elsewhere.token)).toBe(false);
  });

  it('works once', async () => {
    const { user } = await signedInReader('ada@example.com');
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    const token = tokenFrom(mail.sent[0]);
    await confirmEmailChange(deps(), token, META);
    await expect(confirmEmailChange(deps(), token, META)).rejects.toMatchObject({ code: 'invalid-link' });
  });

  it('refuses when someone took the address after the link was sent', async () => {
    const { user } = await signedInReader('ada@example.com');
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    await signedInReader('ada@new.example');
    await expect(confirmEmailChange(deps(), tokenFrom(mail.sent[0]), META)).rejects.toMatchObject({ code: 'email-taken' });
    expect((await findUserById(t.db, user.id))?.email).toBe('ada@example.com');
  });

  it('refuses a link older than 24 hours', async () => {
    const { user } = await signedInReader('ada@example.com');
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    clock.advance(DAY + MINUTE);
    await expect(confirmEmailChange(deps(), tokenFrom(mail.sent[0]), META)).rejects.toMatchObject({ code: 'invalid-link' });
  });

  it('makes links sent to the old address, or to other new ones, unusable', async () => {
    const { user } = await signedInReader('ada@example.com');
    await requestPasswordReset(deps(), { email: 'ada@example.com', next: '/' }, META);
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@new.example' });
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'ada@other.example' });
    const [reset] = mail.to('ada@example.com');
    const [toNew] = mail.to('ada@new.example');
    const [toOther] = mail.to('ada@other.example');

    await confirmEmailChange(deps(), tokenFrom(toNew), META);

    await expect(resetPassword(deps(), { token: tokenFrom(reset), password: 'an attacker passphrase' })).rejects.toMatchObject({ code: 'invalid-link' });
    await expect(confirmEmailChange(deps(), tokenFrom(toOther), META)).rejects.toMatchObject({ code: 'invalid-link' });
    expect((await findUserById(t.db, user.id))?.email).toBe('ada@new.example');
  });
});

describe('changePassword ends what whoever knew the old password set up', () => {
  it('a change of address asked for before the change cannot be confirmed after it', async () => {
    const { user, here } = await signedInReader('ada@example.com');
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: 'intruder@evil.example' });
    const changeLink = tokenFrom(mail.to('intruder@evil.example').at(-1));

    await changePassword(deps(), user, here.session.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    await expect(confirmEmailChange(deps(), changeLink, META)).rejects.toMatchObject({ code: 'invalid-link' });
    expect((await findUserById(t.db, user.id))?.email).toBe('ada@example.com');
  });

  it('a sign-in link sent before the change no longer signs in', async () => {
    const { user, here } = await signedInReader('ada@example.com');
    await requestSignInLink(deps(), { email: 'ada@example.com', next: '/' }, META);
    const signInLink = tokenFrom(mail.to('ada@example.com').at(-1));

    await changePassword(deps(), user, here.session.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    await expect(signInWithLink(deps(), signInLink, META)).rejects.toMatchObject({ code: 'invalid-link' });
  });
});

describe('deleteAccount', () => {
  it('checks the password under the sign-in limit: after 40 wrong passwords the right one is refused while limited', { timeout: 60_000 }, async () => {
    const { user } = await signedInReader('ada@example.com');
    const outcomes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      outcomes.add(await deleteAccount(deps(), user, `guess number ${i}`).then(() => 'deleted', (e: { code?: string }) => e.code ?? 'other'));
    }
    expect([...outcomes].sort()).toEqual(['rate-limited', 'wrong-password']);

    await expect(deleteAccount(deps(), user, PASSWORD)).rejects.toMatchObject({ code: 'rate-limited' });
    expect(await findUserById(t.db, user.id)).toBeDefined();

    clock.advance(15 * MINUTE); // the window passes: the owner can delete
    await deleteAccount(deps(), user, PASSWORD);
    expect(await findUserById(t.db, user.id)).toBeUndefined();
  });

  it('is refused at once, with no hash and no attempt counted, while this process already checks two of the account’s passwords', async () => {
    const { user } = await signedInReader('ada@example.com');
    const running = await passwordChecks.admit([`account:${user.email}`]);
    const waiting = passwordChecks.admit([`account:${user.email}`]); // in line behind it
    try {
      await expect(deleteAccount(deps(), user, PASSWORD)).rejects.toMatchObject({ code: 'rate-limited' });
      expect(await t.db.select().from(rateLimits)).toEqual([]);
      expect(await findUserById(t.db, user.id)).toBeDefined();
    } finally {
      running?.();
      (await waiting)?.();
    }
    await deleteAccount(deps(), user, PASSWORD);
    expect(await findUserById(t.db, user.id)).toBeUndefined();
  });

  it('erases its own rate-limit rows by exact key, and leaves other readers’ alone even when the address is full of LIKE wildcards', async () => {
    const wild = 'a%b_c@x.example';
    expect(emailField.safeParse(wild)).toEqual({ success: true, data: wild }); // the form accepts it
    const { user } = await signedInReader(wild);
    const others = ['ada@example.com', 'abxc@x.example', 'a-b-c@x.example'];
    for (const email of [wild, ...others]) await hitRateLimit(t.db, 'sign-in:account', email, clock.now());
    await hitRateLimit(t.db, 'link:account', wild, clock.now());
    await hitRateLimit(t.db, 'unlock:account', user.id, clock.now());
    await hitRateLimit(t.db, 'sign-in:ip', META.ipAddress, clock.now());

    await deleteAccount(deps(), user, PASSWORD);

    const left = (await t.db.select({ bucket: rateLimits.bucket }).from(rateLimits)).map((r) => r.bucket).sort();
    expect(left).toEqual([...others.map((e) => `sign-in:account:${e}`), `sign-in:ip:${META.ipAddress}`].sort());
  });
});
