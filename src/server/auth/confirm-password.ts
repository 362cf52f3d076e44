// Re-authentication before a sensitive change (password, address, deleting the account).
import { AuthError } from './auth-error.ts';
import type { AuthDeps } from './deps.ts';
import { verifyPassword } from './password-hash.ts';
import { passwordChecks } from './password-check-gate.ts';
import { hitRateLimit } from './rate-limit.ts';
import type { Reader } from './sessions.ts';
import { findPasswordHash } from './users.ts';

/**
 * Counts against the same limit as signing in (per address, counted before the hash is
 * computed), so a signed-in session cannot be used to guess the password faster than the
 * sign-in form allows; and goes through the same per-process gate as sign-in's checks
 * (password-check-gate.ts), so a burst of them cannot take the CPU from other pages.
 */
export async function confirmPassword(deps: Pick<AuthDeps, 'db' | 'now'>, user: Pick<Reader, 'id' | 'email'>, password: string): Promise<void> {
  const release = await passwordChecks.admit([`account:${user.email}`]);
  if (!release) throw new AuthError('rate-limited', 1);
  try {
    const limited = await hitRateLimit(deps.db, 'sign-in:account', user.email, deps.now);
    if (!limited.allowed) throw new AuthError('rate-limited', limited.retryAfterSeconds);
    const passwordHash = await findPasswordHash(deps.db, user.id);
    if (!passwordHash || !(await verifyPassword(passwordHash, password))) throw new AuthError('wrong-password');
  } finally {
    release();
  }
}
