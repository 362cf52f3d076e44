// A password hash nobody knows the password of: a real argon2id hash of random bytes that are
// thrown away. Checking a password against it takes as long as against any other (a quick
// refusal would tell a guesser which accounts have no usable password) and never succeeds.
import { randomBytes } from 'node:crypto';
import { hashPassword } from './password-hash.ts';

export function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'));
}
