// Purging the anonymous page cache (src/server/http/anonymous-cache.ts) by the keys each page
// names: the keys are never sent to the reader, a purge drops exactly the pages filed under
// them ('*' all), a render in flight during a purge of its keys is not stored, and content
// changes purge once wired (src/server/content/content-changes.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { purgeOnContentChange } from '../../src/server/http/anonymous-cache.ts';
import { announceContentChange, deliverContentChange } from '../../src/server/content/content-changes.ts';
import { cachedSite, closeCachedSites, until } from '../support/anonymous-cache-site.ts';

afterEach(closeCachedSites);

describe('cache keys', () => {
  it.each([
    { name: 'writeHead with an object', query: 'keys=story:a%20front' },
    { name: 'setHeader', query: 'setkeys=story:a%20front' },
    { name: 'writeHead with a flat array', query: 'arraykeys=story:a%20front' },
  ])('are never sent, neither on the miss nor on the hit (keys set by $name)', async ({ query }) => {
    const site = await cachedSite();
    const miss = await site.get(`/a/?${query}`);
    const hit = await site.get(`/a/?${query}`);
    expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    for (const reply of [miss, hit]) expect(reply.headers['x-cache-keys']).toBeUndefined();
    expect(site.cache.purge(['story:a'])).toBe(1); // it was filed under its keys all the same
  });

  it.each([
    { name: 'a request with a cookie', init: { headers: { cookie: 'session=abc' } }, path: '/a/?keys=front' },
    { name: 'a POST', init: { method: 'POST' }, path: '/a/?keys=front' },
    { name: 'a response that is not stored (404)', init: {}, path: '/a/?keys=front&status=404' },
    { name: 'a private response', init: {}, path: '/a/?keys=front&cc=private,%20no-store' },
  ])('are stripped from $name too', async ({ init, path }) => {
    const site = await cachedSite();
    const reply = await site.get(path, init);
    expect(reply.headers['x-cache-keys']).toBeUndefined();
    expect(reply.body).toContain('render 1');
  });

  it('are stripped when the cache is off', async () => {
    const site = await cachedSite({ maxSeconds: 0 });
    expect((await site.get('/a/?keys=front')).headers['x-cache-keys']).toBeUndefined();
  });
});

describe('purge', () => {
  it('removes exactly the pages filed under the purged keys', async () => {
    const site = await cachedSite();
    await site.get('/story-a/?keys=story:a%20section:business%20front');
    await site.get('/story-b/?keys=story:b%20section:markets%20front');
    await site.get('/business/?keys=section:business%20front');
    expect(site.cache.purge(['story:a', 'tag:nothing'])).toBe(1);
    expect((await site.get('/story-a/?keys=story:a%20section:business%20front')).headers['x-cache']).toBe('MISS');
    expect((await site.get('/story-b/?keys=story:b%20section:markets%20front')).headers['x-cache']).toBe('HIT');
    expect((await site.get('/business/?keys=section:business%20front')).headers['x-cache']).toBe('HIT');
    expect(site.cache.purge(['section:business'])).toBe(2);
    expect(site.cache.purge(['front'])).toBe(1);
    expect(site.cache.size()).toBe(0);
  });

  it("'*' removes every page, with keys or without", async () => {
    const site = await cachedSite();
    await site.get('/a/?keys=story:a');
    await site.get('/robots/');
    expect(site.cache.purge(['*'])).toBe(2);
    expect(site.cache.size()).toBe(0);
    expect(site.cache.counters().bytes).toBe(0);
    expect((await site.get('/robots/')).headers['x-cache']).toBe('MISS');
  });

  it('does not store a page whose render was under way when one of its keys was purged', async () => {
    const site = await cachedSite();
    const pending = site.get('/a/?keys=story:a%20front&wait');
    await until(() => site.waiting.length === 1);
    site.cache.purge(['story:a']); // the page in flight was built from the data before this change
    site.waiting.shift()!();
    expect((await pending).headers['x-cache']).toBe('MISS');
    expect(site.cache.size()).toBe(0);
    // A purge of something else does not spoil it.
    const other = site.get('/a/?keys=story:a%20front&wait');
    await until(() => site.waiting.length === 1);
    site.cache.purge(['story:b']);
    site.waiting.shift()!();
    await other;
    expect(site.cache.size()).toBe(1);
  });

  it('runs on every content change once wired with purgeOnContentChange', async () => {
    const site = await cachedSite();
    const stop = purgeOnContentChange(site.cache);
    try {
      await site.get('/a/?keys=story:a');
      await site.get('/b/?keys=story:b');
      await announceContentChange(['story:a']);
      expect(site.cache.size()).toBe(1);
      deliverContentChange(['*']); // as from another instance
      expect(site.cache.size()).toBe(0);
    } finally {
      stop();
    }
    await site.get('/a/?keys=story:a');
    deliverContentChange(['story:a']);
    expect(site.cache.size()).toBe(1); // unsubscribed
  });
});
