import { describe, expect, it } from 'vitest';
import { publicCacheControl } from '../../src/lib/http/cache-control.ts';
import { sharedLifetime } from '../../src/server/http/anonymous-cache.ts';

describe('publicCacheControl', () => {
  it.each([
    [60, 'public, max-age=60, s-maxage=60, stale-while-revalidate=300'],
    [300, 'public, max-age=60, s-maxage=300, stale-while-revalidate=1500'],
    [1, 'public, max-age=1, s-maxage=1, stale-while-revalidate=5'],
    [0, 'public, no-cache'],
    [-5, 'public, no-cache'],
  ])('for %i seconds is "%s"', (seconds, header) => {
    expect(publicCacheControl(seconds)).toBe(header);
  });

  it('lets the anonymous cache keep a page exactly as long as configured', () => {
    expect(sharedLifetime(200, { 'cache-control': publicCacheControl(120) })).toBe(120);
    expect(sharedLifetime(200, { 'cache-control': publicCacheControl(0) })).toBe(0);
  });
});
