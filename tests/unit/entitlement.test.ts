// The entitlement rule as a flat table: for each reader, exactly one state.
import { describe, expect, it } from 'vitest';
import { resolveEntitlement, showsLockedParts, type EntitlementState, type ReaderFacts } from '../../src/lib/paywall/entitlement.ts';

const reader = (overrides: Partial<ReaderFacts> = {}): ReaderFacts => ({
  role: 'reader',
  emailVerified: true,
  creditBalance: 0,
  isMember: false,
  hasUnlocked: false,
  ...overrides,
});

const CASES: [string, ReaderFacts | null, EntitlementState][] = [
  ['no session', null, 'anonymous'],
  ['an editor', reader({ role: 'editor' }), 'editor'],
  ['an admin', reader({ role: 'admin' }), 'editor'],
  ['an unverified editor', reader({ role: 'editor', emailVerified: false }), 'editor'],
  ['a member', reader({ isMember: true }), 'member'],
  ['a member with credits who unlocked the story', reader({ isMember: true, creditBalance: 5, hasUnlocked: true }), 'member'],
  ['a reader who unlocked the story', reader({ hasUnlocked: true }), 'unlocked'],
  ['a reader who unlocked it, then changed to an unverified address', reader({ hasUnlocked: true, emailVerified: false }), 'unlocked'],
  ['a verified reader with 1 credit', reader({ creditBalance: 1 }), 'can-unlock'],
  ['a verified reader with 3 credits', reader({ creditBalance: 3 }), 'can-unlock'],
  ['a verified reader with 0 credits', reader({ creditBalance: 0 }), 'no-credits'],
  ['an unverified reader', reader({ emailVerified: false }), 'unverified'],
  ['an unverified reader who somehow has credits', reader({ emailVerified: false, creditBalance: 2 }), 'unverified'],
];

describe('resolveEntitlement', () => {
  it.each(CASES)('for %s is %s', (_who, facts, state) => {
    expect(resolveEntitlement(facts)).toBe(state);
  });
});

describe('showsLockedParts', () => {
  it.each([
    ['editor', true],
    ['member', true],
    ['unlocked', true],
    ['can-unlock', false],
    ['no-credits', false],
    ['unverified', false],
    ['anonymous', false],
  ] as const)('for %s is %s', (state, shown) => {
    expect(showsLockedParts(state)).toBe(shown);
  });
});
