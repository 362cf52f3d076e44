// Maps account-command failures to Astro ActionErrors with HTTP-like codes.
import { ActionError } from 'astro:actions';
import { AuthError, type AuthErrorCode } from '../server/auth/auth-error.ts';
import { isDatabaseUnavailable } from '../server/db/database-unavailable.ts';
import { log } from '../server/log/logger.ts';

const CODES = {
  'invalid-credentials': 'UNAUTHORIZED',
  'rate-limited': 'TOO_MANY_REQUESTS',
  'sign-in-limited': 'TOO_MANY_REQUESTS',
  'link-requests-limited': 'TOO_MANY_REQUESTS',
  // The sign-in page tells this one apart by its code, to offer the confirmation link again.
  'unverified': 'FORBIDDEN',
  'invalid-link': 'BAD_REQUEST',
  'wrong-password': 'UNAUTHORIZED',
  'email-taken': 'CONFLICT',
} as const satisfies Record<AuthErrorCode, string>;

/**
 * What a reader sees when an action fails in a way no rule foresaw. Astro would otherwise
 * send the error's own message, which for a database error is the SQL and its parameters.
 */
export const UNEXPECTED_FAILURE = 'Something went wrong on our side. Please try again in a moment.';

/** Logs an unforeseen failure and turns it into a calm 5xx that reveals nothing (503 while the database is away). */
export function unexpectedFailure(error: unknown): ActionError {
  log().error({ err: error }, 'action failed');
  if (isDatabaseUnavailable(error)) return new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'The site is briefly unavailable. Nothing was changed; please try again in a moment.' });
  return new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: UNEXPECTED_FAILURE });
}

/** Runs an action body, turning AuthError into an ActionError the form can show. */
export async function asAction<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AuthError) throw new ActionError({ code: CODES[error.code], message: error.message });
    if (error instanceof ActionError) throw error;
    throw unexpectedFailure(error);
  }
}

export function requireSignedIn<U>(user: U | null): U {
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in first.' });
  return user;
}
