// Whether a subscription gives Executives Club access at a moment. Active and trialing do;
// past_due keeps access for a grace period; a subscription cancelled at period end keeps
// access until that end; anything else does not.

export interface MembershipFacts {
  status: string;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
}

export const DEFAULT_GRACE_DAYS = 7;

export function isActiveMembership(sub: MembershipFacts, now: Date, graceDays = DEFAULT_GRACE_DAYS): boolean {
  const t = now.getTime();
  if (sub.cancelAtPeriodEnd && t >= sub.currentPeriodEnd.getTime()) return false;
  switch (sub.status) {
    case 'active':
    case 'trialing':
      return true;
    case 'past_due': {
      const since = (sub.pastDueSince ?? sub.currentPeriodEnd).getTime();
      return t < since + graceDays * 24 * 3600_000;
    }
    default:
      return false;
  }
}

export function hasActiveMembership(subs: readonly MembershipFacts[], now: Date, graceDays = DEFAULT_GRACE_DAYS): boolean {
  return subs.some((s) => isActiveMembership(s, now, graceDays));
}
