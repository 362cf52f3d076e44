// Compressed cache hits (src/server/http/anonymous-cache.ts): which Accept-Encoding allows
// gzip, a stored page sent gzipped to those clients and plain to the rest, a small one never.
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/server/http/anonymous-cache.ts';
import { cachedSite, closeCachedSites } from '../support/anonymous-cache-site.ts';

afterEach(closeCachedSites);

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['identity', false],
    ['gzip;q=0', false],
    [undefined, false],
  ])('%s: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('compressed cache hits', () => {
  it('serves a stored page gzipped to clients that accept it, and plain to the rest', async () => {
    const site = await cachedSite();
    const miss = await site.get('/business/?size=5000');
    const zipped = await site.get('/business/?size=5000', { headers: { 'accept-encoding': 'gzip, br' } });
    const plain = await site.get('/business/?size=5000');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.raw.length);
    expect(zipped.raw.length).toBeLessThan(miss.raw.length / 10);
    expect(gunzipSync(zipped.raw).toString()).toBe(miss.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(miss.body);
    for (const reply of [zipped, plain]) expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(site.calls).toEqual(['GET /business/?size=5000']);
  });

  it('keeps a small page uncompressed', async () => {
    const site = await cachedSite();
    await site.get('/tiny/');
    const hit = await site.get('/tiny/', { headers: { 'accept-encoding': 'gzip' } });
    expect(hit.headers['content-encoding']).toBeUndefined();
    expect(hit.body).toBe('<p>render 1 of /tiny/</p>');
  });
});
