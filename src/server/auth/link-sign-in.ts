// What follows a valid e-mailed link (a confirmation or a sign-in link): the reader has proved
// the address. If that makes the address verified (the first time brings the welcome
// credits), whatever was done with the account before is not trusted: the account may have
// been registered by someone else (pre-hijacking). So, in one transaction:
// - the password becomes the one given with the registration whose link was used; a sign-in
//   link proves no password, so the account gets one nobody knows (the reader sets their own
//   through "Forgot your password?");
// - every session that existed before ends, and every other link sent before stops working;
// - the prover gets a fresh session.
// A link to an address that was already verified simply signs the reader in.
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { revokeEmailTokens, type ConsumedToken } from './email-tokens.ts';
import { createSession, invalidateUserSessions } from './sessions.ts';
import { unusablePasswordHash } from './unusable-password.ts';
import { findUserById } from './users.ts';
import { markEmailVerified } from './verification.ts';
import { logEvent } from '../log/events.ts';

export interface AddressProven {
  /** True when this link verified the address and no registration's password came with it: the reader has no usable password now. */
  passwordCleared: boolean;
}

export async function confirmAddressAndSignIn(deps: AuthDeps, consumed: ConsumedToken, meta: RequestMeta) {
  const before = await findUserById(deps.db, consumed.userId);
  if (!before || before.email !== consumed.email) throw new AuthError('invalid-link');
  // argon2 work stays outside the transaction; only needed if this link is the one that verifies.
  const replacement = consumed.passwordHash ?? (before.emailVerifiedAt ? undefined : await unusablePasswordHash());
  const signedIn = await deps.db.transaction(async (tx) => {
    const verified = await markEmailVerified(tx, consumed.userId, consumed.email, deps.now);
    if (verified) {
      if (replacement) await tx.update(users).set({ passwordHash: replacement, updatedAt: deps.now }).where(eq(users.id, consumed.userId));
      await invalidateUserSessions(tx, consumed.userId);
      await revokeEmailTokens(tx, consumed.userId, deps.now);
    }
    const user = await findUserById(tx, consumed.userId);
    if (!user || user.email !== consumed.email) throw new AuthError('invalid-link');
    const session = await createSession(tx, user.id, deps.now, meta);
    const proven: AddressProven = { passwordCleared: verified && !consumed.passwordHash };
    return { user, ...session, ...proven, verified };
  });
  const { verified, ...result } = signedIn;
  if (verified) logEvent('account.verified', { userId: result.user.id, via: 'link' });
  return result;
}
