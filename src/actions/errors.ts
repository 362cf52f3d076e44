// Maps account-command failures to Astro ActionErrors with HTTP-like codes.
import { ActionError } from 'astro:actions';
import { AuthError } from '../server/auth/auth-error.ts';

const CODES = {
  'invalid-credentials': 'UNAUTHORIZED',
  'rate-limited': 'TOO_MANY_REQUESTS',
  'invalid-link': 'BAD_REQUEST',
  'wrong-password': 'UNAUTHORIZED',
  'email-taken': 'CONFLICT',
} as const;

/** Runs an action body, turning AuthError into an ActionError the form can show. */
export async function asAction<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AuthError) throw new ActionError({ code: CODES[error.code], message: error.message });
    throw error;
  }
}

export function requireSignedIn<U>(user: U | null): U {
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please sign in first.' });
  return user;
}
