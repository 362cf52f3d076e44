// The credits a paid Checkout grants come from the configured pack of each price bought.
import { describe, expect, it } from 'vitest';
import { packCredits } from '../../src/lib/billing/pack-credits.ts';

const PACKS: Record<string, number> = { price_credits_5: 5, price_credits_20: 20 };
const creditsOf = (priceId: string) => PACKS[priceId];

describe('packCredits', () => {
  it.each([
    { what: 'one 5-credit pack', lines: [{ priceId: 'price_credits_5', quantity: 1 }], expected: { kind: 'pack', credits: 5, priceId: 'price_credits_5' } },
    { what: 'two 20-credit packs', lines: [{ priceId: 'price_credits_20', quantity: 2 }], expected: { kind: 'pack', credits: 40, priceId: 'price_credits_20' } },
    { what: 'a quantity Stripe left out counts as one', lines: [{ priceId: 'price_credits_5', quantity: null }], expected: { kind: 'pack', credits: 5, priceId: 'price_credits_5' } },
    { what: 'a price that is not a pack', lines: [{ priceId: 'price_mug', quantity: 1 }], expected: { kind: 'unknown-price', priceIds: ['price_mug'] } },
    { what: 'a pack beside something else grants nothing', lines: [{ priceId: 'price_credits_5', quantity: 1 }, { priceId: 'price_mug', quantity: 1 }], expected: { kind: 'unknown-price', priceIds: ['price_mug'] } },
    { what: 'no line items', lines: [], expected: { kind: 'unknown-price', priceIds: ['(no line items)'] } },
    { what: 'a quantity that is not a positive whole number', lines: [{ priceId: 'price_credits_5', quantity: 0 }], expected: { kind: 'unknown-price', priceIds: ['price_credits_5'] } },
  ])('$what', ({ lines, expected }) => {
    expect(packCredits(lines, creditsOf)).toEqual(expected);
  });
});
