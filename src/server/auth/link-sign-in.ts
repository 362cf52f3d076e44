// What follows a valid e-mailed link: the reader has proved the address, so it is marked
// verified (if it still is the account's address), and a session is created.
import { and, eq, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { ConsumedToken } from './email-tokens.ts';
import { createSession } from './sessions.ts';
import { findUserById } from './users.ts';

export async function confirmAddressAndSignIn(deps: AuthDeps, consumed: ConsumedToken, meta: RequestMeta) {
  await deps.db
    .update(users)
    .set({ emailVerifiedAt: deps.now, updatedAt: deps.now })
    .where(and(eq(users.id, consumed.userId), eq(users.email, consumed.email), isNull(users.emailVerifiedAt)));
  const user = await findUserById(deps.db, consumed.userId);
  if (!user || user.email !== consumed.email) throw new AuthError('invalid-link');
  const session = await createSession(deps.db, user.id, deps.now, meta);
  return { user, ...session };
}
