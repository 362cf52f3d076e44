// Which membership rows a deleted account must cancel at Stripe, and which the account page
// warns about.
import { describe, expect, it } from 'vitest';
import { isChargeableAtStripe, isRunningSubscription } from '../../src/lib/billing/chargeable-subscriptions.ts';

describe('isChargeableAtStripe and isRunningSubscription', () => {
  it.each([
    ['an active Stripe subscription', 'sub_1', 'active', true, true],
    ['a trialing one', 'sub_1', 'trialing', true, true],
    ['a past_due one (Stripe retries the card)', 'sub_1', 'past_due', true, true],
    ['an unpaid one', 'sub_1', 'unpaid', true, true],
    ['a paused one', 'sub_1', 'paused', true, true],
    ['an incomplete one (its first payment may still go through)', 'sub_1', 'incomplete', true, true],
    ['an incomplete_expired one', 'sub_1', 'incomplete_expired', false, false],
    ['a canceled one', 'sub_1', 'canceled', false, false],
    ['a running membership the demo seed made', 'demo-0f1e', 'active', false, true],
    ['a canceled one the demo seed made', 'demo-0f1e', 'canceled', false, false],
  ])('%s', (_name, id, status, chargeable, running) => {
    expect(isChargeableAtStripe({ id, status })).toBe(chargeable);
    expect(isRunningSubscription({ id, status })).toBe(running);
  });
});
