// A reader's own data: everything Masthead holds about them as JSON, and erasing it.
import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { rateLimits, users, type User } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import { verifyPassword } from './password-hash.ts';
import { listUserSessions } from './sessions.ts';

export async function exportAccountData(db: Db, user: User, now: Date) {
  const sessions = await listUserSessions(db, user.id, now);
  return {
    exportedAt: now.toISOString(),
    account: {
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      displayName: user.displayName,
      role: user.role,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    },
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
      ipAddress: s.ipAddress,
    })),
  };
}

/**
 * Deletes the account after the reader re-enters their password. Sessions and links go
 * with it (foreign keys cascade), and rate-limit counters keyed by the address are erased.
 */
export async function deleteAccount(db: Db, user: User, password: string): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, password))) throw new AuthError('wrong-password');
  await db.transaction(async (tx) => {
    await tx.delete(rateLimits).where(or(sql`${rateLimits.bucket} like ${'%:' + user.email}`, sql`${rateLimits.bucket} like ${'%:' + user.id}`));
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
