// Tokens for sessions and e-mailed links, as in Lucia's guide: `<id>.<secret>`, both from
// crypto.getRandomValues; the id finds the row, only SHA-256 of the secret is stored, and
// the comparison takes constant time.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export interface TokenParts {
  id: string;
  secret: string;
}

/** 120 bits of randomness, base32: plenty against guessing, short enough for a URL. */
function randomString(randomBytes: (n: number) => Uint8Array): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(15));
}

export const cryptoRandomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

export function generateToken(randomBytes = cryptoRandomBytes): TokenParts & { token: string } {
  const id = randomString(randomBytes);
  const secret = randomString(randomBytes);
  return { id, secret, token: `${id}.${secret}` };
}

const PART = /^[a-z2-7]{24}$/;

/** Splits a token from a cookie or link; anything malformed is undefined. */
export function parseToken(token: string | undefined | null): TokenParts | undefined {
  if (!token || token.length !== 49) return undefined;
  const [id, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !id || !secret || !PART.test(id) || !PART.test(secret)) return undefined;
  return { id, secret };
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && constantTimeEqual(hash, storedHash);
}
