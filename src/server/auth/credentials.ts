// A signed-in reader changes their password or e-mail address. Both ask for the current
// password again, and both sign the account out of every other device.
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { enqueueMail } from '../mail/mail-jobs.ts';
import { confirmPassword } from './confirm-password.ts';
import { consumeEmailToken, revokeEmailTokens } from './email-tokens.ts';
import { hashPassword } from './password-hash.ts';
import { markEmailVerified } from './verification.ts';
import { createSession, invalidateUserSessions } from './sessions.ts';
import { findUserById } from './users.ts';
import type { Reader } from './sessions.ts';

export async function changePassword(
  deps: AuthDeps,
  user: Reader,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await confirmPassword(deps, user, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: deps.now }).where(eq(users.id, user.id));
    await invalidateUserSessions(tx, user.id, currentSessionId);
    // Every link sent before, of every kind: a change of address or a sign-in link asked for by
    // whoever knew the old password must not outlive the change.
    await revokeEmailTokens(tx, user.id, deps.now);
    await enqueueMail(tx, { kind: 'password-changed', payload: { email: user.email } }, deps.now);
  });
  await deps.mail.queued();
}

/**
 * Sends a confirmation link to the new address, and a notice to the current one. If the new
 * address belongs to another account no link is sent (the outbox's worker checks, when
 * sending: compose-mail.ts), and the reader is told the same thing after the same work, so
 * the form cannot be used to find out who has an account.
 */
export async function requestEmailChange(deps: AuthDeps, user: Reader, input: { password: string; newEmail: string }): Promise<void> {
  await confirmPassword(deps, user, input.password);
  if (input.newEmail === user.email) return;
  // The link to the new address (made when sent), and a notice to the current one, which
  // may not be the person asking.
  await deps.db.transaction(async (tx) => {
    await enqueueMail(tx, { kind: 'change-email', payload: { userId: user.id, email: user.email, newEmail: input.newEmail } }, deps.now);
    await enqueueMail(tx, { kind: 'email-change-requested', payload: { email: user.email, newEmail: input.newEmail } }, deps.now);
  });
  await deps.mail.queued();
}

/**
 * Switches the account to the address the link was sent to, now verified. Every session of
 * the account ends and this device gets a new one: the other devices were signed in under
 * the old address. Returns the user and the new session, or throws invalid-link or
 * email-taken (someone registered the address after the link was sent).
 */
export async function confirmEmailChange(deps: AuthDeps, token: string | null | undefined, meta: RequestMeta) {
  try {
    const changed = await deps.db.transaction(async (tx) => {
      const consumed = await consumeEmailToken(tx, token, 'change-email', deps.now);
      if (!consumed) throw new AuthError('invalid-link');
      const before = await findUserById(tx, consumed.userId);
      if (!before) throw new AuthError('invalid-link');
      // A reader who never confirmed their first address gets the welcome credits now.
      await tx
        .update(users)
        .set({ email: consumed.email, updatedAt: deps.now, ...(before.emailVerifiedAt ? { emailVerifiedAt: deps.now } : {}) })
        .where(eq(users.id, consumed.userId));
      if (!before.emailVerifiedAt) await markEmailVerified(tx, consumed.userId, consumed.email, deps.now);
      const user = await findUserById(tx, consumed.userId);
      if (!user) throw new AuthError('invalid-link');
      await invalidateUserSessions(tx, user.id);
      // Links sent to the old address, or to other addresses asked for, must not work now.
      await revokeEmailTokens(tx, user.id, deps.now);
      const session = await createSession(tx, user.id, deps.now, meta);
      // The old address hears of it: if this was an intruder, its owner learns where to get help.
      await enqueueMail(tx, { kind: 'email-changed', payload: { email: before.email, newEmail: user.email } }, deps.now);
      return { user, ...session };
    });
    await deps.mail.queued();
    return changed;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AuthError('email-taken');
    throw error;
  }
}

/** PostgreSQL's unique_violation (23505), wherever the driver or Drizzle wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
