// Sessions after Lucia's guide: create, validate, invalidate. The cookie holds the token;
// the database holds the session id and SHA-256 of the secret.
import { and, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sessions, users, type Session, type User } from '../../../db/schema/index.ts';
import { generateToken, hashSecret, parseToken, secretMatches } from '../../lib/auth/token.ts';
import { isSessionExpired, sessionExpiresAt, shouldTouchSession } from '../../lib/auth/session-policy.ts';

/**
 * What pages and actions may know of the signed-in reader (Astro.locals.user, src/env.d.ts):
 * what they read, and never the password hash. Commands that check the password load it
 * themselves (findPasswordHash in users.ts).
 */
export const READER_COLUMNS = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  creditBalance: users.creditBalance,
  refillPeriod: users.refillPeriod,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
} satisfies Partial<Record<keyof User, unknown>>;
export type Reader = Pick<User, keyof typeof READER_COLUMNS>;

/** The current browser's session as pages see it (Astro.locals.session): no secret hash. */
export interface CurrentSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** When it ends unless used again (30 days idle, 90 days at most: session-policy.ts). */
  expiresAt: Date;
}

/**
 * `renewed`: the session was just extended, so its cookie must be set again with the new
 * expiry (otherwise the browser drops it 30 days after sign-in, used or not).
 */
export type SessionValidation =
  | { session: CurrentSession; user: Reader; renewed: boolean }
  | { session: null; user: null; renewed: false };
const NONE = { session: null, user: null, renewed: false } as const;

export interface SessionMeta {
  userAgent?: string | null | undefined;
  ipAddress?: string | null | undefined;
}

export async function createSession(db: Db, userId: string, now: Date, meta: SessionMeta = {}) {
  const { id, secret, token } = generateToken();
  const [session] = await db
    .insert(sessions)
    .values({
      id,
      secretHash: hashSecret(secret),
      userId,
      createdAt: now,
      lastSeenAt: now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ipAddress: meta.ipAddress ?? null,
    })
    .returning();
  if (!session) throw new Error('The session could not be stored.');
  return { token, session, expiresAt: sessionExpiresAt(session) };
}

// The lookup every signed-in request makes, prepared once per database handle: drizzle builds
// its SQL once instead of on every call, and on PostgreSQL postgres-js keeps it as a named
// statement, so the server does not parse and plan it again each time. Measured in
// bench/session-cost.mjs (bench/README.md, "Session cost").
function prepareSessionLookup(db: Db) {
  return db
    .select({
      session: { id: sessions.id, secretHash: sessions.secretHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt },
      user: READER_COLUMNS,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('masthead_session_by_id');
}
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function sessionLookup(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

export async function validateSessionToken(db: Db, token: string | undefined, now: Date): Promise<SessionValidation> {
  const parts = parseToken(token);
  if (!parts) return NONE;
  const [row] = await sessionLookup(db).execute({ id: parts.id });
  if (!row || !secretMatches(parts.secret, row.session.secretHash)) return NONE;
  if (isSessionExpired(row.session, now)) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return NONE;
  }
  const renewed = shouldTouchSession(row.session, now);
  if (renewed) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
    row.session.lastSeenAt = now;
  }
  const { id, createdAt, lastSeenAt } = row.session;
  return { session: { id, createdAt, lastSeenAt, expiresAt: sessionExpiresAt(row.session) }, user: row.user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends a reader's sessions, all of them or all but one. */
export async function invalidateUserSessions(db: Db, userId: string, except?: string): Promise<void> {
  await db.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

/** A reader's sessions as the account page lists them: no secret hash. */
export type ListedSession = Omit<Session, 'secretHash'>;

export async function listUserSessions(db: Db, userId: string, now: Date): Promise<ListedSession[]> {
  const { secretHash: _secretHash, ...listed } = getTableColumns(sessions);
  const rows = await db.select(listed).from(sessions).where(eq(sessions.userId, userId));
  return rows.filter((s) => !isSessionExpired(s, now)).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Ends one of a reader's own sessions; another reader's session id does nothing. */
export async function invalidateOwnSession(db: Db, userId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}
