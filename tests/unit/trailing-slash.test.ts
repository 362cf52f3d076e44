import { describe, expect, it } from 'vitest';
import { trailingSlashRedirect } from '../../src/lib/http/trailing-slash.ts';

describe('trailingSlashRedirect', () => {
  it.each([
    ['GET', '/business', '', '/business/'],
    ['HEAD', '/business/some-story', '?x=1', '/business/some-story/?x=1'],
    ['GET', '/business/', '', undefined],
    ['GET', '/rss.xml', '', undefined],
    ['GET', '/business/rss.xml', '', undefined],
    ['GET', '/_actions/signIn', '', undefined],
    ['GET', '/healthz', '', undefined],
    ['POST', '/api/stripe/webhook', '', undefined],
    ['POST', '/register', '?_action=register', undefined],
    // Never a Location another host could be read from, whatever the path normalised to.
    ['GET', '//evil.example/phish', '', undefined],
    ['GET', '/\\evil.example/phish', '', undefined],
    ['GET', '/%2F/evil.example/phish', '', undefined],
  ])('%s %s%s → %s', (method, path, search, expected) => {
    expect(trailingSlashRedirect(method, path, search)).toBe(expected);
  });
});
