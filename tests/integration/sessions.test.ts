// Sessions after Lucia's guide, against a real database: what validates, what does not, when
// a session ends, and what is stored.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/index.ts';
import { generateToken } from '../../src/lib/auth/token.ts';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  validateSessionToken,
} from '../../src/server/auth/sessions.ts';
import { insertUser } from '../../src/server/auth/users.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, freshDatabase, HOUR, MINUTE, testClock, uniqueIdentity, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

/** A reader with one session opened at the clock's time. */
async function signedIn() {
  const clock = testClock();
  const user = await insertUser(t.db, { email: uniqueIdentity().email, passwordHash: 'not-used-here', displayName: null }, clock.now());
  if (!user) throw new Error('user not created');
  const created = await createSession(t.db, user.id, clock.now(), { ipAddress: '192.0.2.1', userAgent: 'Firefox' });
  return { clock, user, ...created };
}

async function storedSession(id: string) {
  const [row] = await t.db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

const NONE = { session: null, user: null, renewed: false };

describe('validateSessionToken', () => {
  it('returns the session and its reader for a valid token', async () => {
    const { clock, user, token, session } = await signedIn();

    const result = await validateSessionToken(t.db, token, clock.advance(MINUTE));

    expect(result.user).toMatchObject({ id: user.id, email: user.email });
    expect(result.session).toEqual({ id: session.id, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: new Date(session.createdAt.getTime() + 30 * DAY) });
  });

  it('hands pages only what they read: no password hash, no secret hash', async () => {
    const { clock, token } = await signedIn();

    const result = await validateSessionToken(t.db, token, clock.now());

    expect(Object.keys(result.user ?? {}).sort()).toEqual(['createdAt', 'creditBalance', 'displayName', 'email', 'emailVerifiedAt', 'id', 'refillPeriod', 'role', 'updatedAt']);
    expect(Object.keys(result.session ?? {}).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastSeenAt']);
    expect(JSON.stringify(result)).not.toMatch(/passwordHash|secretHash|not-used-here/);
  });

  it('refuses a token whose secret has one character changed, and keeps the real session', async () => {
    const { clock, token, session } = await signedIn();
    const tampered = `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`;

    expect(await validateSessionToken(t.db, tampered, clock.now())).toEqual(NONE);
    expect(await storedSession(session.id)).toBeDefined();
    expect((await validateSessionToken(t.db, token, clock.now())).session?.id).toBe(session.id);
  });

  it('refuses a well-formed token whose id is unknown', async () => {
    const { clock } = await signedIn();
    expect(await validateSessionToken(t.db, generateToken().token, clock.now())).toEqual(NONE);
  });

  it.each([
    ['empty', ''],
    ['missing', undefined],
    ['two short parts', 'a.b'],
    ['49 characters of junk', `${'x'.repeat(24)}.${'!'.repeat(24)}`],
    ['49 characters without a dot', 'a'.repeat(49)],
    ['10,000 characters', 'a'.repeat(10_000)],
  ])('refuses a malformed token: %s', async (_, token) => {
    const { clock } = await signedIn();
    expect(await validateSessionToken(t.db, token, clock.now())).toEqual(NONE);
  });

  it('refuses the token of a session that was ended', async () => {
    const { clock, token, session } = await signedIn();
    await invalidateSession(t.db, session.id);
    expect(await validateSessionToken(t.db, token, clock.now())).toEqual(NONE);
  });

  it('ends a session unused for more than 30 days and deletes its row', async () => {
    const { clock, token, session } = await signedIn();
    expect((await validateSessionToken(t.db, token, clock.advance(30 * DAY - MINUTE))).session).not.toBeNull();

    expect(await validateSessionToken(t.db, token, clock.advance(30 * DAY + MINUTE))).toEqual(NONE);
    expect(await storedSession(session.id)).toBeUndefined();
  });

  it('ends a session 90 days after sign-in even if it was used every day', { timeout: 30_000 }, async () => {
    const { clock, token, session } = await signedIn();
    for (let day = 1; day < 90; day++) {
      const result = await validateSessionToken(t.db, token, clock.advance(DAY));
      expect(result.session, `day ${day}`).not.toBeNull();
    }
    expect((await storedSession(session.id))?.lastSeenAt).toEqual(clock.now()); // used yesterday

    expect(await validateSessionToken(t.db, token, clock.advance(DAY))).toEqual(NONE);
    expect(await storedSession(session.id)).toBeUndefined();
  });

  it('writes the last-seen time only once it is an hour old', async () => {
    const { clock, token, session } = await signedIn();
    const signInTime = clock.now();

    const soon = await validateSessionToken(t.db, token, clock.advance(59 * MINUTE));
    expect(soon.session?.lastSeenAt).toEqual(signInTime);
    expect((await storedSession(session.id))?.lastSeenAt).toEqual(signInTime);

    const later = await validateSessionToken(t.db, token, clock.advance(MINUTE));
    expect(later.session?.lastSeenAt).toEqual(clock.now());
    expect((await storedSession(session.id))?.lastSeenAt).toEqual(clock.now());
  });

  it('says when it extended the session, with the new expiry, so the cookie can be set again', async () => {
    const { clock, token, session } = await signedIn();

    const early = await validateSessionToken(t.db, token, clock.advance(30 * MINUTE));
    expect(early).toMatchObject({ renewed: false, session: { expiresAt: new Date(session.createdAt.getTime() + 30 * DAY) } });

    const later = await validateSessionToken(t.db, token, clock.advance(2 * DAY));
    expect(later).toMatchObject({ renewed: true, session: { lastSeenAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 30 * DAY) } });
    expect((await validateSessionToken(t.db, token, clock.advance(MINUTE))).renewed).toBe(false);
  });

  it('never extends the expiry past 90 days after sign-in', async () => {
    const { clock, token, session } = await signedIn();
    for (let day = 20; day <= 80; day += 20) await validateSessionToken(t.db, token, clock.advance(20 * DAY));

    const result = await validateSessionToken(t.db, token, clock.now());

    expect(result.session?.expiresAt).toEqual(new Date(session.createdAt.getTime() + 90 * DAY));
  });

  it('slides the 30-day inactivity limit from the last use', async () => {
    const { clock, token } = await signedIn();
    await validateSessionToken(t.db, token, clock.advance(20 * DAY));
    expect((await validateSessionToken(t.db, token, clock.advance(20 * DAY))).session).not.toBeNull();
  });
});

describe('stored sessions', () => {
  it('keep only the SHA-256 of the secret, never the secret or the token', async () => {
    const { token, session } = await signedIn();
    const secret = token.split('.')[1]!;
    const row = await storedSession(session.id);

    expect(row?.id).toBe(token.split('.')[0]);
    expect(row?.secretHash).toHaveLength(32);
    expect(Buffer.from(row!.secretHash).equals(createHash('sha256').update(secret).digest())).toBe(true);
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret);
    expect(JSON.stringify({ ...row, secretHash: Buffer.from(row!.secretHash).toString('hex') })).not.toContain(secret);
  });
});

describe('invalidateUserSessions', () => {
  it('ends every other session of the reader when told which one to keep', async () => {
    const { clock, user, session: current } = await signedIn();
    await createSession(t.db, user.id, clock.now());
    await createSession(t.db, user.id, clock.now());
    const bystander = await signedIn();

    await invalidateUserSessions(t.db, user.id, current.id);

    const left = await t.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toEqual([{ id: current.id }]);
    expect(await storedSession(bystander.session.id)).toBeDefined();
  });

  it('ends all of them when no session is kept', async () => {
    const { clock, user } = await signedIn();
    await createSession(t.db, user.id, clock.now());

    await invalidateUserSessions(t.db, user.id);

    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
  });
});

describe('listUserSessions', () => {
  it('lists live sessions, most recently used first, and hides expired ones', async () => {
    const { clock, user, session: stale } = await signedIn();
    clock.advance(29 * DAY);
    const { session: older } = await createSession(t.db, user.id, clock.now());
    clock.advance(HOUR);
    const { session: newer } = await createSession(t.db, user.id, clock.now());
    clock.advance(2 * DAY); // the first is now 31 days idle

    const listed = await listUserSessions(t.db, user.id, clock.now());

    expect(listed.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(listed[0]).not.toHaveProperty('secretHash');
    expect(await storedSession(stale.id)).toBeDefined(); // hidden, not yet deleted
  });
});
