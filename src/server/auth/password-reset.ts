// Forgotten passwords: e-mail a one-hour reset link, then set the new password through it.
// Asking gives the same answer whether or not the address has an account.
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { AuthError } from './auth-error.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import { consumeEmailToken, peekEmailToken, revokeEmailTokens } from './email-tokens.ts';
import { enqueueMail, queueMail } from '../mail/mail-jobs.ts';
import { hashPassword } from './password-hash.ts';
import { hitRateLimit } from './rate-limit.ts';
import { invalidateUserSessions } from './sessions.ts';
import { findUserById } from './users.ts';
import { markEmailVerified } from './verification.ts';
import { logEvent } from '../log/events.ts';

export async function requestPasswordReset(deps: AuthDeps, input: { email: string; next: string }, meta: RequestMeta): Promise<void> {
  // Only the per-client limit is told. Once an address has had its share of links the answer
  // stays the same and nothing more is sent: the owner's inbox still has a working link, and
  // nobody learns anything (as for sign-in links, sign-in.ts).
  const perClient = await hitRateLimit(deps.db, 'reset:ip', meta.ipAddress, deps.now);
  if (!perClient.allowed) throw new AuthError('link-requests-limited', perClient.retryAfterSeconds);
  if (!(await hitRateLimit(deps.db, 'reset:account', input.email, deps.now)).allowed) return;
  // The same work for any address: the outbox's worker looks the account up (compose-mail.ts).
  await queueMail(deps, { kind: 'reset-link', payload: { email: input.email, next: input.next } });
}

/**
 * Sets a new password through a reset link and signs the account out everywhere: whoever
 * knew the old password must not stay in. Receiving the link proves the address, so it
 * becomes verified. All of it happens in one transaction, or none of it.
 */
export async function resetPassword(deps: AuthDeps, input: { token: string | null | undefined; password: string }): Promise<void> {
  // A cheap check first, so junk links cost no argon2 work.
  if (!(await peekEmailToken(deps.db, input.token, 'reset-password', deps.now))) throw new AuthError('invalid-link');
  const passwordHash = await hashPassword(input.password);
  let verifiedId: string | undefined;
  await deps.db.transaction(async (tx) => {
    const consumed = await consumeEmailToken(tx, input.token, 'reset-password', deps.now);
    if (!consumed) throw new AuthError('invalid-link');
    const user = await findUserById(tx, consumed.userId);
    // A link sent to an address the account no longer uses must not take it over.
    if (!user || user.email !== consumed.email) throw new AuthError('invalid-link');
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: deps.now })
      .where(eq(users.id, user.id));
    // Receiving the link proves the address: verify it (and grant the welcome credits) if needed.
    verifiedId = (await markEmailVerified(tx, user.id, user.email, deps.now)) ? user.id : undefined;
    await invalidateUserSessions(tx, user.id);
    // Every link sent before, of every kind: a change of address or a sign-in link asked for by
    // whoever knew the old password must not outlive the reset.
    await revokeEmailTokens(tx, user.id, deps.now);
    await enqueueMail(tx, { kind: 'password-changed', payload: { email: user.email } }, deps.now);
  });
  await deps.mail.queued();
  if (verifiedId) logEvent('account.verified', { userId: verifiedId, via: 'password-reset' });
}
