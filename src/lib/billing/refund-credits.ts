// What a refund or a dispute takes back from a credit pack: the pack's credits in proportion
// to the money that went back, counted over all of the payment's reversals in the order they
// happened, so that two half refunds of a 5-credit pack take 5 credits between them (2, then 3)
// and the order events arrive in does not matter. Rounding favours the reader.

export interface Reversal {
  /** The refund's (re_…) or dispute's (dp_…) id: the ledger row's payment reference. */
  id: string;
  /** Money that went back, in the payment's smallest unit. */
  amount: number;
  /** Unix seconds; ties are broken by id. */
  created: number;
}

/** Each reversal with the credits it stands for, oldest first. */
export function creditsPerReversal(packCredits: number, amountPaid: number, reversals: readonly Reversal[]): { id: string; credits: number }[] {
  const ordered = [...reversals].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const share = (money: number) => (amountPaid <= 0 ? 0 : Math.floor((packCredits * Math.min(money, amountPaid)) / amountPaid));
  let returned = 0;
  return ordered.map((reversal) => {
    const before = share(returned);
    returned += Math.max(0, reversal.amount);
    return { id: reversal.id, credits: share(returned) - before };
  });
}
