// Every credit amount in one place. Changing a number here changes it everywhere: grants,
// offers and the words on the page.

export const CREDIT_CONFIG = {
  /** Granted once, when a reader confirms their e-mail address. */
  welcome: 3,
  /** Granted at most once per calendar month (UTC), when the reader is next seen, up to the cap. */
  monthly: { amount: 1, cap: 3 },
  /** What one unlock costs. */
  unlockCost: 1,
} as const;

export const LEDGER_REASONS = ['welcome', 'monthly', 'purchase', 'unlock', 'refund', 'admin'] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];
