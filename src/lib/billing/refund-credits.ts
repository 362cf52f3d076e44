// What a refund or a dispute takes back from a credit pack: the pack's credits in proportion
// to the money that went back, counted over all of the payment's reversals, so that two half
// refunds of a 5-credit pack take 5 credits between them (2, then 3). Rounding favours the
// reader.

export interface Reversal {
  /** The refund's (re_…) or dispute's (dp_…) id: the ledger row's payment reference. */
  id: string;
  /** Money that went back, in the payment's smallest unit. */
  amount: number;
  /** Unix seconds; ties are broken by id. */
  created: number;
}

const byTime = (a: Reversal, b: Reversal) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Each reversal with the credits it stands for. Those already applied (`applied`, their ids)
 * count first, as they were counted when applied; the others follow oldest first. So a share
 * is never worked out twice differently, whichever order the events came in.
 */
export function creditsPerReversal(packCredits: number, amountPaid: number, reversals: readonly Reversal[], applied: ReadonlySet<string> = new Set()): { id: string; credits: number }[] {
  const ordered = [...reversals.filter((r) => applied.has(r.id)).sort(byTime), ...reversals.filter((r) => !applied.has(r.id)).sort(byTime)];
  const share = (money: number) => (amountPaid <= 0 ? 0 : Math.floor((packCredits * Math.min(money, amountPaid)) / amountPaid));
  let returned = 0;
  return ordered.map((reversal) => {
    const before = share(returned);
    returned += Math.max(0, reversal.amount);
    return { id: reversal.id, credits: share(returned) - before };
  });
}
