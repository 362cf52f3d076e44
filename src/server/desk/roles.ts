// Admins change people's roles from the desk. An admin cannot change their own role, so the
// newsroom can never lock itself out by accident; another admin has to do it.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { ROLES, users, type Role, type User } from '../../../db/schema/index.ts';
import { findUserByEmail, setUserRole } from '../auth/users.ts';

/** The roles an admin can give, in the order the desk's form offers them. */
export const ROLE_CHOICES: readonly Role[] = ROLES;

export type RoleChange =
  | { kind: 'changed'; user: User; from: Role }
  | { kind: 'unchanged'; user: User }
  | { kind: 'unknown-email' }
  | { kind: 'own-role' };

export async function changeRole(db: Db, actor: Pick<User, 'id'>, email: string, role: Role, now: Date): Promise<RoleChange> {
  const target = await findUserByEmail(db, email);
  if (!target) return { kind: 'unknown-email' };
  if (target.id === actor.id) return { kind: 'own-role' };
  if (target.role === role) return { kind: 'unchanged', user: target };
  const user = await setUserRole(db, email, role, now);
  return user ? { kind: 'changed', user, from: target.role } : { kind: 'unknown-email' };
}

/** Everyone who is not a plain reader, admins first. */
export async function listStaff(db: Db): Promise<Pick<User, 'email' | 'displayName' | 'role'>[]> {
  const rows = await db
    .select({ email: users.email, displayName: users.displayName, role: users.role })
    .from(users)
    .where(inArray(users.role, ['editor', 'admin']));
  return rows.sort((a, b) => a.role.localeCompare(b.role) || a.email.localeCompare(b.email));
}
