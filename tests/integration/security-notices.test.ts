// Security e-mails: the account's address hears of every change that could take the account
// away (password changed or reset, address change asked for and completed, account deleted),
// and each says how to get help. For an address change they go to the OLD address. PGlite,
// or PostgreSQL when TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { deleteAccount } from '../../src/server/auth/account-data.ts';
import { changePassword, confirmEmailChange, requestEmailChange } from '../../src/server/auth/credentials.ts';
import { hashPassword } from '../../src/server/auth/password-hash.ts';
import { requestPasswordReset, resetPassword } from '../../src/server/auth/password-reset.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { findUserById, insertUser } from '../../src/server/auth/users.ts';
import type { MailMessage } from '../../src/lib/mail/messages.ts';
import {
  DATABASE_SETUP_TIMEOUT_MS, fakeMailer, freshDatabase, linkParams, testAuthDeps, testClock, TEST_MAIL_CONTACT, TEST_SITE_URL,
  type FakeMailer, type TestClock, type TestDatabase,
} from '../support/test-db.ts';

const PASSWORD = 'old tired password';
const NEW_PASSWORD = 'a brand new passphrase';
const META = { ipAddress: '203.0.113.7', userAgent: 'Vitest' };
const OLD = 'ada@example.com';
const NEW = 'nora@new.example';
const FORGOT = `${TEST_SITE_URL}/forgot-password/`;

let t: TestDatabase;
let mail: FakeMailer;
let clock: TestClock;

beforeEach(async () => {
  t = await freshDatabase();
  mail = fakeMailer();
  clock = testClock();
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(() => t?.close());

const deps = () => testAuthDeps(t.db, mail, clock);

async function signedInReader() {
  const created = await insertUser(t.db, { email: OLD, passwordHash: await hashPassword(PASSWORD), displayName: null }, clock.now());
  const [user] = await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, created!.id)).returning();
  const here = await createSession(t.db, user!.id, clock.now(), META);
  return { user: user!, here };
}

function only(to: string, subject: string): MailMessage {
  const matching = mail.to(to).filter((m) => m.subject === subject);
  expect(matching, `one "${subject}" to ${to}; sent: ${mail.sent.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`).toHaveLength(1);
  return matching[0]!;
}

function expectHelp(message: MailMessage, { resetPage }: { resetPage: boolean }) {
  expect(message.text).toContain('If it was not you');
  expect(message.text).toContain(TEST_MAIL_CONTACT);
  if (resetPage) expect(message.text).toContain(FORGOT);
  // No link that does something: a notice is not a way in.
  expect(linkParams(message).token).toBeNull();
}

describe('security notices', () => {
  it('tell the account’s address when the password is changed', async () => {
    const { user, here } = await signedInReader();
    await changePassword(deps(), user, here.session.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expectHelp(only(OLD, 'Your Masthead password was changed'), { resetPage: true });
  });

  it('tell the account’s address when the password is reset', async () => {
    await signedInReader();
    await requestPasswordReset(deps(), { email: OLD, next: '/' }, META);
    const [resetMail] = mail.to(OLD);
    await resetPassword(deps(), { token: linkParams(resetMail!).token, password: NEW_PASSWORD });
    expectHelp(only(OLD, 'Your Masthead password was changed'), { resetPage: true });
  });

  it('send nothing when the change is refused', async () => {
    const { user, here } = await signedInReader();
    await expect(changePassword(deps(), user, here.session.id, { currentPassword: 'not my password', newPassword: NEW_PASSWORD })).rejects.toBeDefined();
    await expect(requestEmailChange(deps(), user, { password: 'not my password', newEmail: NEW })).rejects.toBeDefined();
    await expect(deleteAccount(deps(), user, 'not my password')).rejects.toBeDefined();
    expect(mail.sent).toHaveLength(0);
  });

  it('tell the OLD address when a change of address is asked for, with the new one masked and how to get help', async () => {
    const { user } = await signedInReader();
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: NEW });
    const notice = only(OLD, 'Someone asked to change the e-mail address of your Masthead account');
    expect(notice.text).toContain('n***@new.example');
    expect(notice.text).not.toContain(NEW);
    expectHelp(notice, { resetPage: true });
    expect(linkParams(only(NEW, 'Confirm your new e-mail address for Masthead')).path).toBe('/confirm-email-change/');
  });

  it('tell the OLD address when the change of address is completed', async () => {
    const { user } = await signedInReader();
    await requestEmailChange(deps(), user, { password: PASSWORD, newEmail: NEW });
    const link = only(NEW, 'Confirm your new e-mail address for Masthead');
    await confirmEmailChange(deps(), linkParams(link).token, META);
    expect((await findUserById(t.db, user.id))?.email).toBe(NEW);
    const notice = only(OLD, 'The e-mail address of your Masthead account was changed');
    expect(notice.text).toContain('n***@new.example');
    expectHelp(notice, { resetPage: false });
    expect(mail.to(NEW)).toHaveLength(1); // the new address got its link, nothing more
  });

  it('tell the address an account had when it is deleted, though the account is gone', async () => {
    const { user } = await signedInReader();
    await deleteAccount(deps(), user, PASSWORD);
    expect(await findUserById(t.db, user.id)).toBeUndefined();
    expectHelp(only(OLD, 'Your Masthead account was deleted'), { resetPage: false });
  });
});
