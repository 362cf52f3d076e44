// What the anonymous page cache (src/server/http/anonymous-cache.ts) keeps within its bounds:
// the number of entries, each body's size and the bytes of the whole (the gzipped copies
// counted), evicting the least recently used; and its counters.
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSite, closeCachedSites } from '../support/anonymous-cache-site.ts';

afterEach(closeCachedSites);

describe('the entry and body bounds', () => {
  it('evicts the least recently used entry when maxEntries is reached', async () => {
    const site = await cachedSite({ maxEntries: 2 });
    await site.get('/a/');
    await site.get('/b/');
    await site.get('/a/'); // a is now more recently used than b
    await site.get('/c/'); // evicts b
    expect(site.cache.size()).toBe(2);
    expect((await site.get('/a/')).headers['x-cache']).toBe('HIT');
    expect((await site.get('/c/')).headers['x-cache']).toBe('HIT');
    expect((await site.get('/b/')).headers['x-cache']).toBe('MISS');
    expect(site.calls).toEqual(['GET /a/', 'GET /b/', 'GET /c/', 'GET /b/']);
  });

  it('does not keep a body larger than maxBodyBytes, and still serves it whole', async () => {
    const site = await cachedSite({ maxBodyBytes: 100 });
    const big = await site.get('/big/?size=200');
    expect(big.body).toHaveLength('<p>render 1 of /big/</p>'.length + 200);
    expect((await site.get('/big/?size=200')).headers['x-cache']).toBe('MISS');
    expect(site.cache.size()).toBe(0);
  });
});

describe('the byte bound', () => {
  it('evicts the least recently used pages to stay within maxBytes, counting each one', async () => {
    // Each page costs a bit over 5,000 bytes; the gzipped copy is counted too.
    const site = await cachedSite({ maxEntries: undefined, maxBytes: 12_000 });
    await site.get('/a/?size=5000');
    const one = site.cache.counters().bytes;
    expect(one).toBeGreaterThan(5_000);
    await site.get('/b/?size=5000');
    await site.get('/a/?size=5000'); // a is now more recently used than b
    await site.get('/c/?size=5000'); // over the bound: b goes
    const counters = site.cache.counters();
    expect(counters).toMatchObject({ entries: 2, evictions: 1 });
    expect(counters.bytes).toBeLessThanOrEqual(12_000);
    expect((await site.get('/b/?size=5000')).headers['x-cache']).toBe('MISS');
    expect(site.cache.counters().evictions).toBe(2); // storing b again pushed out the oldest
  });

  it('counts the gzipped copy in the bytes', async () => {
    const site = await cachedSite({ maxBytes: 1_000_000 });
    const page = await site.get('/text/?noise=20000');
    const gzipped = gzipSync(page.raw, { level: 6 }).length;
    expect(gzipped).toBeGreaterThan(2_000);
    expect(site.cache.counters().bytes).toBeGreaterThanOrEqual(page.raw.length + gzipped);
  });

  it('stores nothing larger than the whole cache, and keeps what it had', async () => {
    const site = await cachedSite({ maxBytes: 3_000 });
    await site.get('/small/');
    await site.get('/huge/?size=10000');
    expect(site.cache.size()).toBe(1);
    expect((await site.get('/small/')).headers['x-cache']).toBe('HIT');
  });

  it('counts hits and misses', async () => {
    const site = await cachedSite();
    await site.get('/a/');
    await site.get('/a/');
    await site.get('/a/');
    expect(site.cache.counters()).toMatchObject({ hits: 2, misses: 1, entries: 1 });
  });
});
