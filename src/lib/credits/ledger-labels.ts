// How each ledger reason reads on the account page.
const LABELS: Record<string, string> = {
  welcome: 'Welcome credits',
  monthly: 'Monthly credit',
  purchase: 'Credit pack',
  unlock: 'Unlocked',
  refund: 'Refund',
  admin: 'Adjustment',
};

export function ledgerReasonLabel(reason: string): string {
  return LABELS[reason] ?? reason;
}
