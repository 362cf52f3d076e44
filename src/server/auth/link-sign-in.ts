// What follows a valid e-mailed link: the reader has proved the address, so it is marked
// verified (if it still is the account's address; the first time brings the welcome
// credits), and a session is created.
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { ConsumedToken } from './email-tokens.ts';
import { createSession } from './sessions.ts';
import { findUserById } from './users.ts';
import { markEmailVerified } from './verification.ts';

export async function confirmAddressAndSignIn(deps: AuthDeps, consumed: ConsumedToken, meta: RequestMeta) {
  await markEmailVerified(deps.db, consumed.userId, consumed.email, deps.now);
  const user = await findUserById(deps.db, consumed.userId);
  if (!user || user.email !== consumed.email) throw new AuthError('invalid-link');
  const session = await createSession(deps.db, user.id, deps.now, meta);
  return { user, ...session };
}
