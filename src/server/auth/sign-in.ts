// Signing in with a password, or with a link sent by e-mail. Wrong e-mail and wrong password
// get the same answer in the same time. Using a link is never held back by the limits on
// password guesses: it is how an owner gets in while someone else uses those up.
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { consumeEmailToken } from './email-tokens.ts';
import { queueMail } from '../mail/mail-jobs.ts';
import { verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import { PasswordCheckGate, passwordChecks } from './password-check-gate.ts';
import { giveBackRateLimitHit, hitRateLimit } from './rate-limit.ts';
import { createSession } from './sessions.ts';
import { findUserByEmail } from './users.ts';
import { confirmAddressAndSignIn } from './link-sign-in.ts';

/**
 * Each attempt is counted in the database before the password is checked (one atomic
 * statement per limit), so concurrent guesses on any number of instances are held to the
 * limits; the gate bounds this process's argon2 work on top. A successful sign-in gives its
 * hits back, so a reader who signs in often is never locked out by their own sign-ins. An
 * account's right password is refused while the account is unconfirmed (it may have been
 * registered by someone else), and only then, so the refusal tells a guesser nothing.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
  // Another gate stands for other instances in tests (each process has its own).
  gate: PasswordCheckGate = passwordChecks,
) {
  const release = await gate.admit([`account:${input.email}`, `client:${meta.ipAddress}`]);
  if (!release) throw new AuthError('sign-in-limited', 1);
  try {
    const counted = [['sign-in:ip', meta.ipAddress], ['sign-in:account', input.email]] as const;
    for (const [name, subject] of counted) {
      const hit = await hitRateLimit(deps.db, name, subject, deps.now);
      if (!hit.allowed) throw new AuthError('sign-in-limited', hit.retryAfterSeconds);
    }
    const user = await findUserByEmail(deps.db, input.email);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) throw new AuthError('invalid-credentials');
    if (!user.emailVerifiedAt) throw new AuthError('unverified');
    for (const [name, subject] of counted) await giveBackRateLimitHit(deps.db, name, subject, deps.now);
    const session = await createSession(deps.db, user.id, deps.now, meta);
    return { user, ...session };
  } finally {
    release();
  }
}

/**
 * Sends a sign-in link if the address has an account; the answer is the same either way.
 * Links are the owner's way in that no guesser can block: once an address has been sent its
 * share of links the answer stays the same and nothing more is sent (the links already in
 * the inbox still work), so the per-address limit neither tells nor blocks anything. Only
 * the per-client limit is told, to the client that reached it.
 */
export async function requestSignInLink(deps: AuthDeps, input: { email: string; next: string }, meta: RequestMeta): Promise<void> {
  const perClient = await hitRateLimit(deps.db, 'link:ip', meta.ipAddress, deps.now);
  if (!perClient.allowed) throw new AuthError('link-requests-limited', perClient.retryAfterSeconds);
  if (!(await hitRateLimit(deps.db, 'link:account', input.email, deps.now)).allowed) return;
  // The same work for any address: the outbox's worker looks the account up, and sends
  // nothing if there is none, so neither the answer nor its timing tells (compose-mail.ts).
  await queueMail(deps, { kind: 'sign-in-link', payload: { email: input.email, next: input.next } });
}

/** Uses a sign-in link. Receiving it proves the address, so an unverified one becomes verified. */
export async function signInWithLink(deps: AuthDeps, token: string | null, meta: RequestMeta) {
  const consumed = await consumeEmailToken(deps.db, token, 'sign-in', deps.now);
  if (!consumed) throw new AuthError('invalid-link');
  return confirmAddressAndSignIn(deps, consumed, meta);
}
