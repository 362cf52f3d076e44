// The rate-limit buckets that belong to one account, by exact key, to erase with it. Buckets
// are `${name}:${subject}` (src/server/auth/rate-limit.ts); per-account limits use the
// address or the user id as the subject. Every limit name is paired with both, so a limit
// added later is covered without a list to keep in step; a pair that never existed matches
// nothing. No pattern is ever built from an address: `%` and `_` are valid in one.
import { RATE_LIMITS } from './rate-limit-policy.ts';

export function accountRateLimitBuckets(account: { email: string; id: string }): string[] {
  return Object.keys(RATE_LIMITS).flatMap((name) => [`${name}:${account.email}`, `${name}:${account.id}`]);
}
