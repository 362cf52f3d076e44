// The anonymous page cache's two rules (src/server/http/anonymous-cache.ts), as tables: which
// requests may be answered from the cache, and for how long a response may be shared.
import { describe, expect, it } from 'vitest';
import { isCacheableRequest, sharedLifetime } from '../../src/server/http/anonymous-cache.ts';

describe('isCacheableRequest', () => {
  it.each([
    { name: 'a plain GET', method: 'GET', headers: {}, expected: true },
    { name: 'a plain HEAD', method: 'HEAD', headers: {}, expected: true },
    { name: 'a GET with a cookie', method: 'GET', headers: { cookie: 'session=abc' }, expected: false },
    { name: 'a HEAD with a cookie', method: 'HEAD', headers: { cookie: 'session=abc' }, expected: false },
    { name: 'a GET with credentials', method: 'GET', headers: { authorization: 'Bearer abc' }, expected: false },
    { name: 'a POST', method: 'POST', headers: {}, expected: false },
    { name: 'a DELETE', method: 'DELETE', headers: {}, expected: false },
  ])('$name: $expected', ({ method, headers, expected }) => {
    expect(isCacheableRequest({ method, headers })).toBe(expected);
  });
});

describe('sharedLifetime', () => {
  it.each([
    { name: 'public with s-maxage is shared for s-maxage', status: 200, headers: { 'cache-control': 'public, max-age=60, s-maxage=300' }, seconds: 300 },
    { name: 'the directives may come in any order and case', status: 200, headers: { 'cache-control': 'S-MAXAGE=120,max-age=60,Public' }, seconds: 120 },
    { name: 'public without s-maxage is not shared', status: 200, headers: { 'cache-control': 'public, max-age=60' }, seconds: 0 },
    { name: 's-maxage without public is not shared', status: 200, headers: { 'cache-control': 'max-age=60, s-maxage=60' }, seconds: 0 },
    { name: 's-maxage=0 is not shared', status: 200, headers: { 'cache-control': 'public, s-maxage=0' }, seconds: 0 },
    { name: 'a word that only starts with "public" is not public', status: 200, headers: { 'cache-control': 'publicity, s-maxage=60' }, seconds: 0 },
    { name: 'private, no-store is never shared', status: 200, headers: { 'cache-control': 'private, no-store' }, seconds: 0 },
    { name: 'private wins over public', status: 200, headers: { 'cache-control': 'public, private, s-maxage=60' }, seconds: 0 },
    { name: 'no-store wins over public', status: 200, headers: { 'cache-control': 'public, s-maxage=60, no-store' }, seconds: 0 },
    { name: 'no-cache wins over public', status: 200, headers: { 'cache-control': 'public, s-maxage=60, no-cache' }, seconds: 0 },
    { name: 'no Cache-Control is not shared', status: 200, headers: {}, seconds: 0 },
    { name: 'a response that sets a cookie is never shared', status: 200, headers: { 'cache-control': 'public, s-maxage=60', 'set-cookie': ['a=b'] }, seconds: 0 },
    { name: 'a 404 is not shared', status: 404, headers: { 'cache-control': 'public, s-maxage=60' }, seconds: 0 },
    { name: 'a redirect is not shared', status: 302, headers: { 'cache-control': 'public, s-maxage=60' }, seconds: 0 },
    { name: 'an error is not shared', status: 500, headers: { 'cache-control': 'public, s-maxage=60' }, seconds: 0 },
  ])('$name', ({ status, headers, seconds }) => {
    expect(sharedLifetime(status, headers)).toBe(seconds);
  });
});
