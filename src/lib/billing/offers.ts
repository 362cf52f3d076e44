// What the Club and the credit packs cost, as shown on the page. The prices charged are the
// Stripe prices configured by id; these figures must match them (the README says so).

export type ClubPlan = 'monthly' | 'yearly';
export type CreditPack = 'credits-5' | 'credits-20';

export interface ClubOffer {
  plan: ClubPlan;
  label: string;
  /** Price in cents, for display. */
  amount: number;
  per: string;
  note?: string;
}

export interface PackOffer {
  pack: CreditPack;
  credits: number;
  amount: number;
}

export const CURRENCY = 'usd';

export const CLUB_OFFERS: readonly ClubOffer[] = [
  { plan: 'monthly', label: 'Monthly', amount: 1500, per: 'month' },
  { plan: 'yearly', label: 'Yearly', amount: 15000, per: 'year', note: 'Two months free' },
];

export const PACK_OFFERS: readonly PackOffer[] = [
  { pack: 'credits-5', credits: 5, amount: 900 },
  { pack: 'credits-20', credits: 20, amount: 2900 },
];

export const CLUB_BENEFITS = [
  'Every story’s Key Insights and Take-aways and Executive Actions, with no credits needed',
  'Everything in the archive, as it is published',
  'Cancel any time; access lasts to the end of the period you paid for',
] as const;

export function formatMoney(cents: number, currency = CURRENCY): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);
}
