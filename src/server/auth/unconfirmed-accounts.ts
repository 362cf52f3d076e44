// Registrations whose address was never confirmed expire after 7 days (see
// src/lib/auth/unconfirmed-registration.ts): one address at registration time, all of them in
// upkeep. Sessions, links and counters of the account go with it (foreign keys cascade).
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';
import { unconfirmedExpiryCutoff } from '../../lib/auth/unconfirmed-registration.ts';

/** Deletes the expired unverified account of this address, if there is one (before registering it again). */
export async function deleteExpiredUnconfirmed(db: Db, email: string, now: Date): Promise<void> {
  await db.delete(users).where(and(eq(users.email, email), isNull(users.emailVerifiedAt), lt(users.createdAt, unconfirmedExpiryCutoff(now))));
}

/** Upkeep: deletes every expired unverified account; returns how many, for the log. */
export async function pruneUnconfirmedAccounts(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(users)
    .where(and(isNull(users.emailVerifiedAt), lt(users.createdAt, unconfirmedExpiryCutoff(now))))
    .returning({ id: users.id });
  return deleted.length;
}
