// What the anonymous page cache (src/server/http/anonymous-cache.ts) answers from memory and
// what it always sends to the renderer: a repeated anonymous GET or HEAD is a hit; cookies,
// credentials, POSTs and responses that are private, set a cookie or were not found never are.
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSite, closeCachedSites, PUBLIC } from '../support/anonymous-cache-site.ts';

afterEach(closeCachedSites);

describe('createAnonymousCache().wrap', () => {
  it('serves the second GET from the cache without rendering again', async () => {
    const site = await cachedSite();
    const first = await site.get('/business/');
    const second = await site.get('/business/');
    expect(first).toMatchObject({ status: 200, body: '<p>render 1 of /business/</p>' });
    expect(first.headers['x-cache']).toBe('MISS');
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers['cache-control']).toBe(PUBLIC);
    expect(second.headers['content-type']).toBe('text/html');
    expect(site.calls).toEqual(['GET /business/']);
  });

  it('answers a HEAD from what a GET stored, with headers and no body', async () => {
    const site = await cachedSite();
    await site.get('/business/');
    const head = await site.get('/business/', { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['x-cache']).toBe('HIT');
    expect(site.calls).toEqual(['GET /business/']);
  });

  it('keeps each URL, query string included, apart', async () => {
    const site = await cachedSite();
    await site.get('/search/?q=tariffs');
    const other = await site.get('/search/?q=cells');
    expect(other.headers['x-cache']).toBe('MISS');
    expect(other.body).toBe('<p>render 2 of /search/</p>');
  });

  it.each([
    { name: 'a Cookie header', init: { headers: { cookie: 'session=abc' } } },
    { name: 'an Authorization header', init: { headers: { authorization: 'Basic YTpi' } } },
  ])('always sends a request with $name to the renderer, even when the page is cached', async ({ init }) => {
    const site = await cachedSite();
    await site.get('/business/');
    const first = await site.get('/business/', init);
    const second = await site.get('/business/', init);
    expect([first.body, second.body]).toEqual(['<p>render 2 of /business/</p>', '<p>render 3 of /business/</p>']);
    expect([first.headers['x-cache'], second.headers['x-cache']]).not.toContain('HIT');
    expect(site.calls).toHaveLength(3);
  });

  it('does not store what a request with a cookie was answered', async () => {
    const site = await cachedSite();
    await site.get('/business/', { headers: { cookie: 'session=abc' } });
    const anonymous = await site.get('/business/');
    expect(anonymous.headers['x-cache']).toBe('MISS');
    expect(site.calls).toHaveLength(2);
  });

  it('always sends a POST to the renderer', async () => {
    const site = await cachedSite();
    await site.get('/business/', { method: 'POST' });
    await site.get('/business/', { method: 'POST' });
    expect(site.calls).toEqual(['POST /business/', 'POST /business/']);
  });

  it.each([
    { name: 'marked private, no-store', path: '/account/?cc=private,%20no-store' },
    { name: 'that set a cookie', path: '/welcome/?cookie' },
    { name: 'that were not found', path: '/missing/?status=404' },
    { name: 'without s-maxage', path: '/plain/?cc=public,%20max-age=60' },
  ])('never caches responses $name', async ({ path }) => {
    const site = await cachedSite();
    await site.get(path);
    const second = await site.get(path);
    expect(second.headers['x-cache']).toBe('MISS');
    expect(site.calls).toHaveLength(2);
    expect(site.cache.size()).toBe(0);
  });

  it('stores a body written in several chunks whole', async () => {
    const site = await cachedSite();
    const first = await site.get('/long/?size=5000');
    const second = await site.get('/long/?size=5000');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    expect(second.body).toHaveLength(first.body.length);
  });

  it('is switched off by maxSeconds 0: every request is rendered', async () => {
    const site = await cachedSite({ maxSeconds: 0 });
    await site.get('/business/');
    const second = await site.get('/business/');
    expect(second.headers['x-cache']).toBeUndefined();
    expect(site.calls).toHaveLength(2);
  });

  it('forgets everything on clear()', async () => {
    const site = await cachedSite();
    await site.get('/business/');
    site.cache.clear();
    expect((await site.get('/business/')).headers['x-cache']).toBe('MISS');
  });
});
