// Single-use links: issue one for a purpose, consume it once. Expired, reused, tampered or
// unknown tokens are all simply "not valid".
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { emailTokens, TOKEN_PURPOSES, type TokenPurpose } from '../../../db/schema/index.ts';
import { generateToken, hashSecret, parseToken, secretMatches } from '../../lib/auth/token.ts';

/** How long each kind of link works (docs/design-rules.md: sign-in 15 min, reset 1 h, verification 24 h). */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  'sign-in': 15 * 60_000,
  'reset-password': 60 * 60_000,
  'verify-email': 24 * 3600_000,
  'change-email': 24 * 3600_000,
};

export interface IssueOptions {
  /** For a registration's verify-email link: the hash of the password given with it. */
  passwordHash?: string | null | undefined;
}

export async function issueEmailToken(db: Db, userId: string, purpose: TokenPurpose, email: string, now: Date, options: IssueOptions = {}): Promise<string> {
  const { id, secret, token } = generateToken();
  await db.insert(emailTokens).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    purpose,
    email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    passwordHash: purpose === 'verify-email' ? (options.passwordHash ?? null) : null,
  });
  return token;
}

export interface ConsumedToken {
  userId: string;
  email: string;
  /** The password given with the registration this link confirms; null for every other link. */
  passwordHash: string | null;
}

/** Marks the token used and returns whom it was for, or undefined if it is not valid. */
export async function consumeEmailToken(db: Db, token: string | null | undefined, purpose: TokenPurpose, now: Date): Promise<ConsumedToken | undefined> {
  const parts = parseToken(token);
  if (!parts) return undefined;
  const [row] = await db.select().from(emailTokens).where(eq(emailTokens.id, parts.id)).limit(1);
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return undefined;
  if (!secretMatches(parts.secret, row.secretHash)) return undefined;
  // Only one caller can flip used_at from null: a link clicked twice at once works once.
  const used = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
    .returning({ id: emailTokens.id });
  return used.length === 1 ? { userId: row.userId, email: row.email, passwordHash: row.passwordHash } : undefined;
}

/** Checks a token without using it (to show the reset form before the new password is sent). */
export async function peekEmailToken(db: Db, token: string | null | undefined, purpose: TokenPurpose, now: Date): Promise<boolean> {
  const parts = parseToken(token);
  if (!parts) return false;
  const [row] = await db.select().from(emailTokens).where(eq(emailTokens.id, parts.id)).limit(1);
  return Boolean(row && row.purpose === purpose && !row.usedAt && row.expiresAt.getTime() > now.getTime() && secretMatches(parts.secret, row.secretHash));
}

/**
 * Makes a reader's outstanding links unusable: after the password changes, or once the address
 * is proven, no link sent before (to this address or another) may act for the account.
 */
export async function revokeEmailTokens(db: Db, userId: string, now: Date, purposes: readonly TokenPurpose[] = TOKEN_PURPOSES): Promise<void> {
  await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), inArray(emailTokens.purpose, [...purposes]), isNull(emailTokens.usedAt)));
}
