// Which of a reader's membership rows still stand for a Club subscription: one that has not
// ended, and one that Stripe may still charge for (the demo seed's rows were never at Stripe).
// Deleting an account must cancel the chargeable ones first.

/** Stripe's statuses after which a subscription never charges or gives access again. */
const ENDED_STATUSES: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);

/** Rows the demo seed writes (src/server/db/demo-accounts.ts) carry this prefix instead of Stripe's sub_…. */
const SEEDED_PREFIX = 'demo-';

export interface SubscriptionIdentity {
  /** Stripe's id (sub_…), or demo-… for a seeded membership. */
  id: string;
  status: string;
}

/** Not ended: deleting the account ends it (the page warns a member of this). */
export function isRunningSubscription(row: SubscriptionIdentity): boolean {
  return !ENDED_STATUSES.has(row.status);
}

/** Not ended and held at Stripe: deleting the account must cancel it there first. */
export function isChargeableAtStripe(row: SubscriptionIdentity): boolean {
  return isRunningSubscription(row) && !row.id.startsWith(SEEDED_PREFIX);
}
