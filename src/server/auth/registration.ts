// Registering and confirming an e-mail address. The answer to "register" is the same whether
// or not the address already has an account; the e-mail tells the owner which it was.
import type { User } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { queueMail } from '../mail/mail-jobs.ts';
import { consumeEmailToken } from './email-tokens.ts';
import { hashPassword } from './password-hash.ts';
import { passwordChecks } from './password-check-gate.ts';
import { hitRateLimit } from './rate-limit.ts';
import { deleteExpiredUnconfirmed } from './unconfirmed-accounts.ts';
import { findUserByEmail, insertUser } from './users.ts';
import { confirmAddressAndSignIn } from './link-sign-in.ts';
import type { Reader } from './sessions.ts';
import { logEvent } from '../log/events.ts';

export interface RegisterInput {
  /** Already normalised and checked by the form schema. */
  email: string;
  password: string;
  displayName?: string | undefined;
  /** Where to return after confirming, a path on this site. */
  next: string;
  /** The story the reader started from, already checked to exist (see attributedStorySlug). */
  signupStorySlug?: string | undefined;
}

export async function registerAccount(deps: AuthDeps, input: RegisterInput, meta: RequestMeta): Promise<void> {
  const limited = await hitRateLimit(deps.db, 'register:ip', meta.ipAddress, deps.now);
  if (!limited.allowed) throw new AuthError('rate-limited', limited.retryAfterSeconds);
  // Hash first: both outcomes below then take the same time. The hash goes through the same
  // per-process gate as password checks, so a burst of registrations cannot starve other pages.
  const release = await passwordChecks.admit([`client:${meta.ipAddress}`]);
  if (!release) throw new AuthError('rate-limited', 1);
  const passwordHash = await hashPassword(input.password).finally(release);
  // A registration left unconfirmed for 7 days no longer holds the address: it is replaced.
  const user = await deps.db.transaction(async (tx) => {
    await deleteExpiredUnconfirmed(tx, input.email, deps.now);
    return insertUser(
      tx,
      { email: input.email, passwordHash, displayName: input.displayName?.trim() || null, signupStorySlug: input.signupStorySlug ?? null },
      deps.now,
    );
  });
  if (user) {
    await sendVerification(deps, user, input.next, passwordHash);
    logEvent('account.registered', { userId: user.id, outcome: 'new' });
    return;
  }
  const existing = await findUserByEmail(deps.db, input.email);
  // Not confirmed yet: this registration gets a link of its own, carrying its own password.
  // Nothing changes on the account until a link is used (see confirmAddressAndSignIn).
  if (existing && !existing.emailVerifiedAt) {
    await sendVerification(deps, existing, input.next, passwordHash);
    logEvent('account.registered', { userId: existing.id, outcome: 'unconfirmed-again' });
    return;
  }
  if (existing) {
    await queueMail(deps, { kind: 'account-exists', payload: { email: existing.email, next: input.next } });
    logEvent('account.registered', { userId: existing.id, outcome: 'exists' });
  }
}

/**
 * Sends a confirmation link. `passwordHash` is the password of the registration the link
 * confirms: using the link makes it the account's password.
 */
export async function sendVerification(deps: AuthDeps, user: Pick<User, 'id' | 'email'>, next: string, passwordHash: string | undefined): Promise<void> {
  // The link is made when the outbox sends it (compose-mail.ts); until then the job holds the
  // password's hash, as the link's row will (and the job forgets it once sent).
  await queueMail(deps, { kind: 'verify-email', payload: { userId: user.id, email: user.email, next, passwordHash } });
}

/**
 * A signed-in, unverified reader asks for another link (rate limited per account). Like every
 * resent link it decides no password (see resend-confirmation.ts).
 */
export async function resendVerification(deps: AuthDeps, user: Reader, next: string): Promise<void> {
  if (user.emailVerifiedAt) return;
  const limited = await hitRateLimit(deps.db, 'verify:account', user.id, deps.now);
  if (!limited.allowed) throw new AuthError('rate-limited', limited.retryAfterSeconds);
  await sendVerification(deps, user, next, undefined);
}

/**
 * Confirms the address the link was sent to and signs the reader in. Returns the user and a
 * new session token, or throws invalid-link.
 */
export async function confirmEmail(deps: AuthDeps, token: string | null, meta: RequestMeta) {
  const consumed = await consumeEmailToken(deps.db, token, 'verify-email', deps.now);
  if (!consumed) throw new AuthError('invalid-link');
  return confirmAddressAndSignIn(deps, consumed, meta);
}
