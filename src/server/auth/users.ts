// Reading and writing readers' accounts.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users, type Role, type User } from '../../../db/schema/index.ts';

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

/** The stored password hash, for the commands that check the password (pages never see it). */
export async function findPasswordHash(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.passwordHash;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Creates the account, or returns undefined when the address already has one (even under a race). */
export async function insertUser(db: Db, values: { email: string; passwordHash: string; displayName: string | null; signupStorySlug?: string | null }, now: Date): Promise<User | undefined> {
  const [user] = await db
    .insert(users)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user;
}

export async function setUserRole(db: Db, email: string, role: Role, now: Date): Promise<User | undefined> {
  const [user] = await db.update(users).set({ role, updatedAt: now }).where(eq(users.email, email)).returning();
  return user;
}
