// Which subscriptions give Executives Club access, and until when.
import { describe, expect, it } from 'vitest';
import { hasActiveMembership, isActiveMembership, type MembershipFacts } from '../../src/lib/paywall/membership.ts';

const now = new Date('2026-06-15T12:00:00Z');
const day = 24 * 3600_000;
const sub = (overrides: Partial<MembershipFacts>): MembershipFacts => ({
  status: 'active',
  currentPeriodEnd: new Date(now.getTime() + 10 * day),
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  ...overrides,
});

describe('isActiveMembership', () => {
  it.each([
    ['active', sub({}), true],
    ['trialing', sub({ status: 'trialing' }), true],
    ['past_due within the 7-day grace', sub({ status: 'past_due', pastDueSince: new Date(now.getTime() - 6 * day) }), true],
    ['past_due beyond the grace', sub({ status: 'past_due', pastDueSince: new Date(now.getTime() - 8 * day) }), false],
    ['cancelled at period end, before the end', sub({ cancelAtPeriodEnd: true }), true],
    ['cancelled at period end, after the end', sub({ cancelAtPeriodEnd: true, currentPeriodEnd: new Date(now.getTime() - 1) }), false],
    ['canceled', sub({ status: 'canceled' }), false],
    ['unpaid', sub({ status: 'unpaid' }), false],
    ['incomplete', sub({ status: 'incomplete' }), false],
    ['paused', sub({ status: 'paused' }), false],
  ])('%s gives access: %s', (_label, facts, expected) => {
    expect(isActiveMembership(facts, now)).toBe(expected);
  });

  it('takes the grace period as a parameter', () => {
    expect(isActiveMembership(sub({ status: 'past_due', pastDueSince: new Date(now.getTime() - 2 * day) }), now, 1)).toBe(false);
  });
});

describe('hasActiveMembership', () => {
  it('is true when any subscription gives access', () => {
    expect(hasActiveMembership([sub({ status: 'canceled' }), sub({})], now)).toBe(true);
    expect(hasActiveMembership([sub({ status: 'canceled' })], now)).toBe(false);
    expect(hasActiveMembership([], now)).toBe(false);
  });
});
