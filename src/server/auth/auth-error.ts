// Failures of account commands, each with a stable code and a message a reader can act on.
// None of them says whether an e-mail address has an account.

export type AuthErrorCode =
  | 'invalid-credentials'
  | 'rate-limited'
  | 'sign-in-limited'
  | 'link-requests-limited'
  | 'unverified'
  | 'invalid-link'
  | 'wrong-password'
  | 'email-taken';

export const AUTH_MESSAGES: Record<AuthErrorCode, string> = {
  'invalid-credentials': 'That e-mail address and password do not match an account. Check them, or use “Forgot your password?”.',
  'rate-limited': 'Too many attempts. Please wait a few minutes and try again.',
  // Password guesses are limited per account, so anyone can use up an owner's tries: the owner
  // is told the ways in that no guesser can block (an e-mailed link, a reset).
  'sign-in-limited':
    'Too many password attempts for now. You can still sign in straight away with a link sent by e-mail (below), or reset your password with “Forgot your password?”.',
  'link-requests-limited':
    'Too many requests from your network for now. Links already e-mailed to you still work; please wait a few minutes before asking for another.',
  // Only said when the password was right, so it tells a guesser nothing.
  'unverified':
    'This e-mail address is not confirmed yet. Use the link in the confirmation e-mail we sent, or ask for it again below.',
  'invalid-link': 'This link has expired or has already been used. Ask for a new one below.',
  'wrong-password': 'Your current password is not right.',
  'email-taken': 'That address cannot be used for this account.',
};

export class AuthError extends Error {
  override name = 'AuthError';
  readonly code: AuthErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AuthErrorCode, retryAfterSeconds?: number) {
    super(AUTH_MESSAGES[code]);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
