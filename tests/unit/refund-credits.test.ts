// What a refund or a dispute of a credit pack stands for, in credits: a table of cases.
import { describe, expect, it } from 'vitest';
import { creditsPerReversal } from '../../src/lib/billing/refund-credits.ts';

const r = (id: string, amount: number, created = 1) => ({ id, amount, created });

describe('creditsPerReversal', () => {
  it.each([
    { what: 'a full refund takes the whole pack', credits: 5, paid: 900, reversals: [r('re_1', 900)], shares: [5] },
    { what: 'half of 5 credits takes 2 (rounding favours the reader)', credits: 5, paid: 900, reversals: [r('re_1', 450)], shares: [2] },
    { what: 'two halves take 2, then 3: all 5 between them', credits: 5, paid: 900, reversals: [r('re_1', 450, 1), r('re_2', 450, 2)], shares: [2, 3] },
    { what: 'a quarter of 20 credits takes 5', credits: 20, paid: 2900, reversals: [r('re_1', 725)], shares: [5] },
    { what: 'a refund then a dispute of the rest take the whole pack', credits: 20, paid: 2900, reversals: [r('re_1', 1450, 1), r('dp_1', 1450, 2)], shares: [10, 10] },
    { what: 'more money back than was paid never takes more than the pack', credits: 5, paid: 900, reversals: [r('re_1', 900, 1), r('re_2', 900, 2)], shares: [5, 0] },
    { what: 'a few cents take nothing', credits: 5, paid: 900, reversals: [r('re_1', 1)], shares: [0] },
  ])('$what', ({ credits, paid, reversals, shares }) => {
    expect(creditsPerReversal(credits, paid, reversals).map((s) => s.credits)).toEqual(shares);
  });

  it('counts the reversals already applied first, so the next one takes what is left of its share', () => {
    // re_b was applied first (2 credits); re_a, made in the same second, comes after it.
    expect(creditsPerReversal(5, 900, [r('re_a', 450), r('re_b', 450)], new Set(['re_b']))).toEqual([{ id: 're_b', credits: 2 }, { id: 're_a', credits: 3 }]);
  });

  it('gives the same shares whatever order the reversals are listed in (oldest first, then by id)', () => {
    const listed = [r('re_b', 450, 2), r('re_a', 450, 1)];
    expect(creditsPerReversal(5, 900, listed)).toEqual([{ id: 're_a', credits: 2 }, { id: 're_b', credits: 3 }]);
    expect(creditsPerReversal(5, 900, [r('re_y', 450, 1), r('re_x', 450, 1)])).toEqual([{ id: 're_x', credits: 2 }, { id: 're_y', credits: 3 }]);
  });
});
