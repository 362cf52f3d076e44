import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAsSeenByApp } from '../../src/server/http/forwarded-origin.ts';

const seen = (headers: IncomingHttpHeaders, trustProxy = true) => {
  const copy = { ...headers };
  originAsSeenByApp(copy, trustProxy);
  return copy.origin;
};

describe('originAsSeenByApp', () => {
  it('maps a same-origin form posted over HTTPS to the address the app sees', () => {
    expect(seen({ host: 'news.example', origin: 'https://news.example', 'x-forwarded-proto': 'https' })).toBe('http://news.example');
    expect(seen({ host: 'app.internal', origin: 'https://News.Example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'news.example' })).toBe('http://app.internal');
  });

  it('leaves another site, plain HTTP and untrusted proxies alone', () => {
    expect(seen({ host: 'news.example', origin: 'https://evil.example', 'x-forwarded-proto': 'https' })).toBe('https://evil.example');
    expect(seen({ host: 'news.example', origin: 'https://news.example.evil', 'x-forwarded-proto': 'https' })).toBe('https://news.example.evil');
    expect(seen({ host: 'news.example', origin: 'https://news.example', 'x-forwarded-proto': 'http' })).toBe('https://news.example');
    expect(seen({ host: 'news.example', origin: 'https://news.example', 'x-forwarded-proto': 'https' }, false)).toBe('https://news.example');
    expect(seen({ host: 'news.example', 'x-forwarded-proto': 'https' })).toBeUndefined();
  });
});
