// The rate-limit rows an account's deletion erases: exact keys, one per limit and subject.
import { describe, expect, it } from 'vitest';
import { accountRateLimitBuckets } from '../../src/lib/auth/account-rate-limit-buckets.ts';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';

describe('accountRateLimitBuckets', () => {
  const account = { email: 'a%b_c@x.example', id: '6f1c1d9e-0000-4000-8000-000000000001' };
  const buckets = accountRateLimitBuckets(account);

  it.each(Object.keys(RATE_LIMITS).filter((name) => name.endsWith(':account')))('covers the per-account limit %s for the address and the user id', (name) => {
    expect(buckets).toContain(`${name}:${account.email}`);
    expect(buckets).toContain(`${name}:${account.id}`);
  });

  it('names each bucket exactly, wildcards and all, and nothing else', () => {
    expect(buckets.every((b) => b.endsWith(`:${account.email}`) || b.endsWith(`:${account.id}`))).toBe(true);
    expect(buckets).toContain('sign-in:account:a%b_c@x.example');
    expect(buckets).not.toContain('sign-in:account:axbyc@x.example');
    expect(new Set(buckets).size).toBe(buckets.length);
  });
});
