// How each ledger row reads on the account page. A `refund` row is credits taken back because
// the payment for a pack went back to the reader: by a refund (re_…) or a dispute (dp_…).
const LABELS: Record<string, string> = {
  welcome: 'Welcome credits',
  monthly: 'Monthly credit',
  purchase: 'Credit pack',
  unlock: 'Unlocked',
  refund: 'Credits taken back',
  admin: 'Adjustment',
};

export function ledgerReasonLabel(reason: string, paymentRef?: string | null): string {
  if (reason === 'refund' && paymentRef?.startsWith('re_')) return 'Credit pack refunded: its unused credits taken back';
  if (reason === 'refund' && paymentRef?.startsWith('dp_')) return 'Credit pack payment disputed: its unused credits taken back';
  return LABELS[reason] ?? reason;
}
