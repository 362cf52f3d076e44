// The entitlement rule (docs/design-rules.md): for one reader and one story, exactly one state holds.
// Every surface that shows or hides a locked part asks this function and nothing else.
import { CREDIT_CONFIG } from '../credits/credit-config.ts';

export type EntitlementState = 'editor' | 'member' | 'unlocked' | 'can-unlock' | 'no-credits' | 'unverified' | 'anonymous';

export interface ReaderFacts {
  role: 'reader' | 'editor' | 'admin';
  emailVerified: boolean;
  creditBalance: number;
  /** Has an Executives Club membership that gives access now. */
  isMember: boolean;
  /** Has unlocked this story before. */
  hasUnlocked: boolean;
}

/** `reader` is null for an anonymous visitor. */
export function resolveEntitlement(reader: ReaderFacts | null): EntitlementState {
  if (!reader) return 'anonymous';
  if (reader.role === 'editor' || reader.role === 'admin') return 'editor';
  if (reader.isMember) return 'member';
  if (reader.hasUnlocked) return 'unlocked';
  if (!reader.emailVerified) return 'unverified';
  return reader.creditBalance >= CREDIT_CONFIG.unlockCost ? 'can-unlock' : 'no-credits';
}

/** The states in which the locked parts are shown. */
export function showsLockedParts(state: EntitlementState): boolean {
  return state === 'editor' || state === 'member' || state === 'unlocked';
}
