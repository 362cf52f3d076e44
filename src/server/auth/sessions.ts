// Sessions after Lucia's guide: create, validate, invalidate. The cookie holds the token;
// the database holds the session id and SHA-256 of the secret.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sessions, users, type Session, type User } from '../../../db/schema/index.ts';
import { generateToken, hashSecret, parseToken, secretMatches } from '../../lib/auth/token.ts';
import { isSessionExpired, sessionExpiresAt, shouldTouchSession } from '../../lib/auth/session-policy.ts';

export type SessionValidation = { session: Session; user: User } | { session: null; user: null };
const NONE = { session: null, user: null } as const;

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
    .select({ session: sessions, user: users })
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
  if (shouldTouchSession(row.session, now)) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
    row.session.lastSeenAt = now;
  }
  return row;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends a reader's sessions, all of them or all but one. */
export async function invalidateUserSessions(db: Db, userId: string, except?: string): Promise<void> {
  await db.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

export async function listUserSessions(db: Db, userId: string, now: Date): Promise<Session[]> {
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
  return rows.filter((s) => !isSessionExpired(s, now)).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/** Ends one of a reader's own sessions; another reader's session id does nothing. */
export async function invalidateOwnSession(db: Db, userId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}
