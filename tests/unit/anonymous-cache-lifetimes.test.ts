// How long the anonymous page cache (src/server/http/anonymous-cache.ts) keeps a page: a page
// without keys for its s-maxage, a page with keys (purged when it changes) for maxSeconds, and
// nothing longer than maxSeconds whatever the page asks.
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSite, closeCachedSites } from '../support/anonymous-cache-site.ts';

afterEach(closeCachedSites);

describe('lifetimes', () => {
  it('serves an entry until its s-maxage has passed, then renders again', async () => {
    const site = await cachedSite();
    await site.get('/business/');
    site.clock.now += 59_999;
    const fresh = await site.get('/business/');
    expect(fresh.headers['x-cache']).toBe('HIT');
    expect(fresh.headers.age).toBe('59');
    site.clock.now += 1;
    const expired = await site.get('/business/');
    expect(expired.headers['x-cache']).toBe('MISS');
    expect(expired.body).toBe('<p>render 2 of /business/</p>');
    expect((await site.get('/business/')).body).toBe('<p>render 2 of /business/</p>');
  });

  it('keeps no entry longer than maxSeconds, whatever the page asks', async () => {
    const site = await cachedSite({ maxSeconds: 30 });
    await site.get('/business/?cc=public,%20s-maxage=600');
    site.clock.now += 29_000;
    expect((await site.get('/business/?cc=public,%20s-maxage=600')).headers['x-cache']).toBe('HIT');
    site.clock.now += 1_000;
    expect((await site.get('/business/?cc=public,%20s-maxage=600')).headers['x-cache']).toBe('MISS');
  });

  it('keeps a page with keys for maxSeconds (it is purged when it changes), without an Age', async () => {
    const site = await cachedSite({ maxSeconds: 300 });
    await site.get('/a/?keys=front&cc=public,%20max-age=8,%20s-maxage=8');
    site.clock.now += 299_000;
    const hit = await site.get('/a/?keys=front&cc=public,%20max-age=8,%20s-maxage=8');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers.age).toBeUndefined();
    site.clock.now += 1_000;
    expect((await site.get('/a/?keys=front&cc=public,%20max-age=8,%20s-maxage=8')).headers['x-cache']).toBe('MISS');
  });

  it('keeps a page without keys only for its s-maxage', async () => {
    const site = await cachedSite({ maxSeconds: 300 });
    await site.get('/robots/?cc=public,%20max-age=8,%20s-maxage=8');
    site.clock.now += 7_999;
    expect((await site.get('/robots/?cc=public,%20max-age=8,%20s-maxage=8')).headers['x-cache']).toBe('HIT');
    site.clock.now += 1;
    expect((await site.get('/robots/?cc=public,%20max-age=8,%20s-maxage=8')).headers['x-cache']).toBe('MISS');
  });
});
