import { describe, expect, it } from 'vitest';
import { publicCacheControl, publicLifetime } from '../../src/lib/http/cache-control.ts';
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

describe('publicLifetime', () => {
  const now = new Date('2026-08-01T12:00:00Z');
  const inSeconds = (s: number) => new Date(now.getTime() + s * 1000);

  it.each([
    { name: 'no story waiting: the configured lifetime', next: undefined, expected: 60 },
    { name: 'a story due after the lifetime: the configured lifetime', next: inSeconds(600), expected: 60 },
    { name: 'a story due sooner: until it is due', next: inSeconds(30), expected: 30 },
    { name: 'part of a second counts as a whole one', next: inSeconds(29.2), expected: 30 },
    { name: 'a story due this instant: one second, never zero or less', next: now, expected: 1 },
  ])('$name', ({ next, expected }) => {
    expect(publicLifetime(60, now, next)).toBe(expected);
  });

  it('keeps a cache that is off, off', () => {
    expect(publicLifetime(0, now, inSeconds(30))).toBe(0);
  });
});

describe('publicCacheControl without a stale copy', () => {
  it('leaves out stale-while-revalidate', () => {
    expect(publicCacheControl(30, 0)).toBe('public, max-age=30, s-maxage=30');
  });
});
