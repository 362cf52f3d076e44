// Signing in with a password, or with a link sent by e-mail. Wrong e-mail and wrong password
// get the same answer in the same time.
import { buildMessage } from '../../lib/mail/messages.ts';
import { AuthError } from './auth-error.ts';
import { siteLink, type AuthDeps, type RequestMeta } from './deps.ts';
import { consumeEmailToken, issueEmailToken } from './email-tokens.ts';
import { verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import { checkRateLimit, hitRateLimit } from './rate-limit.ts';
import { createSession } from './sessions.ts';
import { findUserByEmail } from './users.ts';
import { confirmAddressAndSignIn } from './link-sign-in.ts';

async function limit(deps: AuthDeps, name: Parameters<typeof hitRateLimit>[1], subject: string) {
  const result = await hitRateLimit(deps.db, name, subject, deps.now);
  if (!result.allowed) throw new AuthError('rate-limited', result.retryAfterSeconds);
}

/**
 * Only failed attempts count against the limits (per address and per account), so a reader
 * who signs in often is never locked out; once a limit is reached even the right password
 * waits for the window to pass.
 */
export async function signInWithPassword(deps: AuthDeps, input: { email: string; password: string }, meta: RequestMeta) {
  for (const [name, subject] of [['sign-in:ip', meta.ipAddress], ['sign-in:account', input.email]] as const) {
    const state = await checkRateLimit(deps.db, name, subject, deps.now);
    if (!state.allowed) throw new AuthError('rate-limited', state.retryAfterSeconds);
  }
  const user = await findUserByEmail(deps.db, input.email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await hitRateLimit(deps.db, 'sign-in:ip', meta.ipAddress, deps.now);
    await hitRateLimit(deps.db, 'sign-in:account', input.email, deps.now);
    throw new AuthError('invalid-credentials');
  }
  const session = await createSession(deps.db, user.id, deps.now, meta);
  return { user, ...session };
}

/** Sends a sign-in link if the address has an account; the answer is the same either way. */
export async function requestSignInLink(deps: AuthDeps, input: { email: string; next: string }, meta: RequestMeta): Promise<void> {
  await limit(deps, 'link:ip', meta.ipAddress);
  await limit(deps, 'link:account', input.email);
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) return;
  const token = await issueEmailToken(deps.db, user.id, 'sign-in', user.email, deps.now);
  const link = siteLink(deps.siteUrl, '/sign-in/link/', { token, next: input.next });
  await deps.mailer.send(buildMessage('sign-in', user.email, link, deps.publicationName));
}

/** Uses a sign-in link. Receiving it proves the address, so an unverified one becomes verified. */
export async function signInWithLink(deps: AuthDeps, token: string | null, meta: RequestMeta) {
  const consumed = await consumeEmailToken(deps.db, token, 'sign-in', deps.now);
  if (!consumed) throw new AuthError('invalid-link');
  return confirmAddressAndSignIn(deps, consumed, meta);
}
