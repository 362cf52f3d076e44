// The session cookie as the signed-in page assembler reads it (cookieValue in
// src/server/http/signed-in-pages.ts), as Astro's cookies read it.
import { describe, expect, it } from 'vitest';
import { cookieValue } from '../../src/server/http/signed-in-pages.ts';

describe('cookieValue', () => {
  it('finds the named cookie among others', () => {
    expect(cookieValue('a=1; masthead_session=abc.def; b=2', 'masthead_session')).toBe('abc.def');
    expect(cookieValue('masthead_session=x', 'masthead_session')).toBe('x');
  });

  it('does not take a cookie whose name only ends or starts the same', () => {
    expect(cookieValue('__Host-masthead_session=x; masthead_session_old=y', 'masthead_session')).toBeUndefined();
  });

  it('decodes percent-encoding and keeps a value it cannot decode', () => {
    expect(cookieValue('s=a%2Eb', 's')).toBe('a.b');
    expect(cookieValue('s=a%E0b', 's')).toBe('a%E0b');
  });

  it('has nothing without a header', () => {
    expect(cookieValue(undefined, 's')).toBeUndefined();
    expect(cookieValue('', 's')).toBeUndefined();
  });
});
