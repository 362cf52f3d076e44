// How ledger rows read on the account page: a credit taken back says why.
import { describe, expect, it } from 'vitest';
import { ledgerReasonLabel } from '../../src/lib/credits/ledger-labels.ts';

describe('ledgerReasonLabel', () => {
  it.each([
    { reason: 'purchase', ref: 'cs_test_1', label: 'Credit pack' },
    { reason: 'refund', ref: 're_1', label: 'Credit pack refunded: its unused credits taken back' },
    { reason: 'refund', ref: 'dp_1', label: 'Credit pack payment disputed: its unused credits taken back' },
    { reason: 'refund', ref: null, label: 'Credits taken back' },
    { reason: 'unlock', ref: null, label: 'Unlocked' },
  ])('$reason ($ref) reads "$label"', ({ reason, ref, label }) => {
    expect(ledgerReasonLabel(reason, ref)).toBe(label);
  });
});
