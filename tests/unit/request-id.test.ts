import { describe, expect, it } from 'vitest';
import { isSaneRequestId, requestIdFor } from '../../src/server/log/request-id.ts';

const made = () => 'made-here';

describe('the request id', () => {
  it.each([
    { incoming: 'f2458f04-5b96-483d-ab48-69595927235d', trusted: true, id: 'f2458f04-5b96-483d-ab48-69595927235d', why: 'a UUID from a trusted proxy is kept' },
    { incoming: 'Root=1-67891233-abcdef012345678912345678', trusted: true, id: 'Root=1-67891233-abcdef012345678912345678', why: 'a load balancer trace id is kept' },
    { incoming: 'f2458f04-5b96-483d-ab48-69595927235d', trusted: false, id: 'made-here', why: 'without TRUST_PROXY a client cannot choose its id' },
    { incoming: undefined, trusted: true, id: 'made-here', why: 'none sent: one is made' },
    { incoming: '', trusted: true, id: 'made-here', why: 'an empty one is replaced' },
    { incoming: 'reader@example.com', trusted: true, id: 'made-here', why: 'an e-mail address is not an id' },
    { incoming: 'two words', trusted: true, id: 'made-here', why: 'spaces are refused' },
    { incoming: 'id"}\n{"level":"fatal', trusted: true, id: 'made-here', why: 'nothing that could forge a log line' },
    { incoming: 'x'.repeat(129), trusted: true, id: 'made-here', why: 'longer than 128 characters is refused' },
    { incoming: ['a', 'b'], trusted: true, id: 'made-here', why: 'a repeated header is refused' },
  ])('$why', ({ incoming, trusted, id }) => {
    expect(requestIdFor(incoming, trusted, made)).toBe(id);
  });

  it('makes a UUID when none is given or trusted', () => {
    expect(requestIdFor(undefined, false)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isSaneRequestId('x'.repeat(128))).toBe(true);
  });
});
