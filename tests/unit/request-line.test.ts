import { describe, expect, it } from 'vitest';
import { requestLineFields, type RequestEnd } from '../../src/server/log/request-line.ts';
import type { RequestRecord } from '../../src/server/log/request-record.ts';
import { readerKindOf } from '../../src/server/log/request-record.ts';
import { prettyMessage } from '../../src/server/log/pretty-lines.ts';

const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({ id: 'req-1', method: 'GET', startedAt: 1000, route: '/[section]/[slug]', reader: 'anonymous', cache: undefined, ...over });
const end = (over: Partial<RequestEnd> = {}): RequestEnd => ({ endedAt: 1003.456, statusCode: 200, finished: true, xCache: undefined, ...over });

describe('the request line', () => {
  it('holds the id, method, route pattern, status, duration in ms, cache and reader: nothing else', () => {
    expect(requestLineFields(record(), end({ xCache: 'HIT' }))).toEqual({
      requestId: 'req-1', method: 'GET', route: '/[section]/[slug]', status: 200, durationMs: 3.46, cache: 'hit', reader: 'anonymous',
    });
  });

  it.each([
    { cache: undefined, xCache: 'MISS', logged: 'miss', why: 'rendered behind the anonymous cache' },
    { cache: undefined, xCache: undefined, logged: 'none', why: 'not through the cache (a POST, a cookie)' },
    { cache: 'assembled', xCache: undefined, logged: 'assembled', why: 'a signed-in page assembled from its frame' },
  ] as const)('cache is $logged when $why', ({ cache, xCache, logged }) => {
    expect(requestLineFields(record({ cache }), end({ xCache })).cache).toBe(logged);
  });

  it('names files served as they are `static`, and a client gone before the answer 499', () => {
    expect(requestLineFields(record({ route: undefined }), end()).route).toBe('static');
    expect(requestLineFields(record(), end({ finished: false })).status).toBe(499);
  });

  it.each([
    { role: 'reader', member: false, kind: 'reader' },
    { role: 'reader', member: true, kind: 'member' },
    { role: 'editor', member: false, kind: 'editor' },
    { role: 'admin', member: true, kind: 'editor' },
  ] as const)('a signed-in $role (member: $member) is logged as $kind', ({ role, member, kind }) => {
    expect(readerKindOf(role, member)).toBe(kind);
  });

  it('reads as one short line in pretty mode', () => {
    const line = { msg: 'request', ...requestLineFields(record({ cache: 'assembled', reader: 'member' }), end()) };
    expect(prettyMessage(line)).toBe('GET /[section]/[slug] 200 3.46 ms assembled member [req-1]');
    expect(prettyMessage({ msg: 'story.unlocked', requestId: 'req-1' })).toBe('story.unlocked [req-1]');
    expect(prettyMessage({ msg: 'Masthead is serving on http://news.example' })).toBe('Masthead is serving on http://news.example');
  });
});
