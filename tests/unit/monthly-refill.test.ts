import { describe, expect, it } from 'vitest';
import { nextRefillDate, refillAmount, refillPeriod } from '../../src/lib/credits/monthly-refill.ts';

describe('refillPeriod', () => {
  it.each([
    ['2026-11-24T20:00:00Z', '2026-11'],
    ['2026-12-31T23:59:59Z', '2026-12'],
    ['2027-01-01T00:00:00Z', '2027-01'],
  ])('for %s is %s (UTC)', (iso, period) => {
    expect(refillPeriod(new Date(iso))).toBe(period);
  });
});

describe('refillAmount', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 0],
    [10, 0],
  ])('with a balance of %i adds %i (1 a month, cap 3)', (balance, amount) => {
    expect(refillAmount(balance)).toBe(amount);
  });

  it('never adds past the cap', () => {
    expect(refillAmount(2, { amount: 5, cap: 4 })).toBe(2);
  });
});

describe('nextRefillDate', () => {
  it('is the first of next month when a refill can come', () => {
    expect(nextRefillDate(0, new Date('2026-11-24T20:00:00Z'))?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(nextRefillDate(0, new Date('2026-12-05T00:00:00Z'))?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is undefined at the cap', () => {
    expect(nextRefillDate(3, new Date('2026-11-24T20:00:00Z'))).toBeUndefined();
  });
});
