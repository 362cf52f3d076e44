import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/server/log/redact.ts';

describe('redacting text bound for a log line', () => {
  it.each([
    ['duplicate key: Key (email)=(nora.reader@example.com) already exists.', 'duplicate key: Key (email)=([email]) already exists.'],
    ['GET /verify-email/?token=abc123.def456&next=/', 'GET /verify-email/?token=[redacted]&next=/'],
    ['sign-in link /sign-in/link/?reset_token=s3cr3t', 'sign-in link /sign-in/link/?reset_token=[redacted]'],
    ['Cookie: masthead_session=abc.def; theme=dark', 'Cookie: [redacted]'],
    ['{"set-cookie":"masthead_session=abc"}', '{"set-cookie":"[redacted]"}'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: [redacted]'],
    ['sent Bearer eyJhbGciOi.x.y along', 'sent Bearer [redacted] along'],
    ['Stripe key sk_test_51Habc123 rejected', 'Stripe key [secret] rejected'],
    ['connect postgres://masthead:hunter2@db.internal:5432/masthead failed', 'connect postgres://[redacted]@db.internal:5432/masthead failed'],
    ['connect ECONNREFUSED 10.1.2.3:5432', 'connect ECONNREFUSED [address]:5432'],
    ['from 2001:db8:85a3:0:0:8a2e:370:7334', 'from [address]'],
  ])('%s', (text, cleaned) => {
    expect(redactText(text)).toBe(cleaned);
  });

  it('leaves a stack and its file positions as they are', () => {
    const stack = 'Error: relation "billing_customers" does not exist\n    at customerIdOf (file:///srv/masthead/dist/server/chunks/customers.mjs:12:34)';
    expect(redactText(stack)).toBe(stack);
  });
});
