// The shipped list of the most common passwords (zxcvbn-ts's list of about 49,000), of which
// only those long enough to pass the length rule matter.
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN } from '../../lib/auth/password-policy.ts';

let common: Set<string> | undefined;

export function isCommonPassword(lowercased: string): boolean {
  common ??= new Set(
    (dictionary['passwords-common'] as string[]).filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase()),
  );
  return common.has(lowercased);
}
