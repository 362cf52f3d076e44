// Failures of account commands, each with a stable code and a message a reader can act on.
// None of them says whether an e-mail address has an account.

export type AuthErrorCode = 'invalid-credentials' | 'rate-limited' | 'invalid-link' | 'wrong-password' | 'email-taken';

export const AUTH_MESSAGES: Record<AuthErrorCode, string> = {
  'invalid-credentials': 'That e-mail address and password do not match an account. Check them, or use “Forgot your password?”.',
  'rate-limited': 'Too many attempts. Please wait a few minutes and try again.',
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
