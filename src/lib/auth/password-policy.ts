// What a password must be (NIST SP 800-63B, OWASP): 8 to 128 characters, no composition
// rules, not one of the most common passwords. Paste is always allowed.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `Use at least ${PASSWORD_MIN} characters.`,
  'too-long': `Use at most ${PASSWORD_MAX} characters.`,
  'too-common': 'This password is one of the most common ones and easy to guess. Please choose another.',
};

/** Length counts characters as a reader sees them, not UTF-16 units. */
export function passwordProblem(password: string, isCommon: (p: string) => boolean): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too-short';
  if (length > PASSWORD_MAX) return 'too-long';
  if (isCommon(password.toLowerCase())) return 'too-common';
  return undefined;
}
