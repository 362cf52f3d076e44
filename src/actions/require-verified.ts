// A guard for actions that spend or pay: an unconfirmed account may have been registered by
// someone other than the address's owner, so it can do nothing but confirm the address.
import { ActionError } from 'astro:actions';

export const UNVERIFIED_MESSAGE = 'Please confirm your e-mail address first: use the link we sent you, or ask for a new one on your account page.';

export function requireVerified<U extends { emailVerifiedAt: Date | null }>(user: U): U {
  if (!user.emailVerifiedAt) throw new ActionError({ code: 'FORBIDDEN', message: UNVERIFIED_MESSAGE });
  return user;
}
