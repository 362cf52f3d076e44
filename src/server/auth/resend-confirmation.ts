// "Send the confirmation link again", asked for by address from the sign-in page (the reader
// is not signed in: a password sign-in to an unverified account is refused). The answer is
// the same whether or not the address has an account, or is already confirmed.
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { hitRateLimit } from './rate-limit.ts';
import { sendVerification } from './registration.ts';
import { findUserByEmail } from './users.ts';

/**
 * The new link proves the address and decides no password: whoever asks for it proved none,
 * and copying a registration's password would let an intruder who registered the address
 * after its owner choose the password the owner's click sets (pre-hijacking). Using it leaves
 * the account with no usable password; the page says how to choose one. A reader who wants
 * a link that sets their password registers again (each registration's link carries its own).
 */
export async function resendConfirmation(deps: AuthDeps, input: { email: string; next: string }, meta: RequestMeta): Promise<void> {
  // Both limits are counted before the lookup, so they behave alike for every address.
  for (const [name, subject] of [['confirm:ip', meta.ipAddress], ['confirm:account', input.email]] as const) {
    const limited = await hitRateLimit(deps.db, name, subject, deps.now);
    if (!limited.allowed) throw new AuthError('rate-limited', limited.retryAfterSeconds);
  }
  const user = await findUserByEmail(deps.db, input.email);
  if (!user || user.emailVerifiedAt) return;
  await sendVerification(deps, user, input.next, undefined);
}
