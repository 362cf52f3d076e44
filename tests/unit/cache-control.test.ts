import { describe, expect, it } from 'vitest';
import {
  CACHE_KEYS_HEADER,
  cacheKeysHeaderValue,
  parseCacheKeys,
  publicCacheControl,
  SHARED_CACHE_MAX_SECONDS,
  sharedSeconds,
} from '../../src/lib/http/cache-control.ts';
import { sharedLifetime } from '../../src/server/http/anonymous-cache.ts';

describe('publicCacheControl', () => {
  it.each([
    [60, 'public, max-age=7, s-maxage=7'],
    [300, 'public, max-age=7, s-maxage=7'],
    [5, 'public, max-age=5, s-maxage=5'],
    [1, 'public, max-age=1, s-maxage=1'],
    [0, 'public, no-cache'],
    [-5, 'public, no-cache'],
  ])('for %i configured seconds is "%s"', (seconds, header) => {
    expect(publicCacheControl(seconds)).toBe(header);
  });

  it('never lets an outside cache keep a page, or a stale copy of it, past the bound', () => {
    // Up to 1 s more in nginx (whole seconds) + up to 2 s before the instances purge their own copy: 10 s.
    expect(SHARED_CACHE_MAX_SECONDS + 1 + 2).toBeLessThanOrEqual(10);
    for (const seconds of [1, 9, 60, 86_400]) {
      const header = publicCacheControl(seconds);
      expect(header).not.toMatch(/stale-/);
      for (const [, value] of header.matchAll(/max-age=(\d+)/g)) expect(Number(value)).toBeLessThanOrEqual(SHARED_CACHE_MAX_SECONDS);
    }
    expect(sharedSeconds(60)).toBe(SHARED_CACHE_MAX_SECONDS);
    expect(sharedSeconds(0)).toBe(0);
  });

  it('is what the anonymous cache reads as the shared lifetime', () => {
    expect(sharedLifetime(200, { 'cache-control': publicCacheControl(120) })).toBe(SHARED_CACHE_MAX_SECONDS);
    expect(sharedLifetime(200, { 'cache-control': publicCacheControl(3) })).toBe(3);
    expect(sharedLifetime(200, { 'cache-control': publicCacheControl(0) })).toBe(0);
  });
});

describe('the cache keys header', () => {
  it('is lower case (Node gives header names that way)', () => {
    expect(CACHE_KEYS_HEADER).toBe(CACHE_KEYS_HEADER.toLowerCase());
  });

  it('joins keys with spaces, once each, and reads them back', () => {
    const value = cacheKeysHeaderValue(['story:x', 'section:business', 'front', 'front']);
    expect(value).toBe('story:x section:business front');
    expect(parseCacheKeys(value)).toEqual(['story:x', 'section:business', 'front']);
    expect(parseCacheKeys(['story:x front', 'tag:y'])).toEqual(['story:x', 'front', 'tag:y']);
    expect(parseCacheKeys(undefined)).toEqual([]);
  });

  it.each([[''], ['story:a b'], ['story:a,b'], ['story:a\nb'], ['story:é']])('refuses the key %j with a clear message', (key) => {
    expect(() => cacheKeysHeaderValue(['front', key])).toThrow(/cache key must be printable ASCII/);
  });
});
