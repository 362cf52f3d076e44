import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptsGzip, createAnonymousCache, isCacheableRequest, sharedLifetime, type AnonymousCacheOptions, type NodeHandler } from '../../src/server/http/anonymous-cache.ts';

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

// ---- createAnonymousCache().wrap(), against real HTTP servers ----

const PUBLIC = 'public, max-age=60, s-maxage=60';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/**
 * A page renderer that counts its calls. The body names the call, so a cached reply is
 * recognisable. `?cc=` sets Cache-Control, `?status=`, `?cookie` and `?size=` shape the reply.
 */
function renderer() {
  const calls: string[] = [];
  const handler: NodeHandler = (req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = { 'content-type': 'text/html', 'cache-control': url.searchParams.get('cc') ?? PUBLIC };
    if (url.searchParams.has('cookie')) headers['set-cookie'] = 'visited=1';
    // Written the way Astro's Node adapter writes: head, then the body in chunks.
    res.writeHead(Number(url.searchParams.get('status') ?? 200), headers);
    res.write(`<p>render ${calls.length} of ${url.pathname}</p>`);
    res.end('x'.repeat(Number(url.searchParams.get('size') ?? 0)));
  };
  return { handler, calls };
}

async function listen(handler: NodeHandler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString(), raw });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A server with the cache in front of a counting renderer, and a clock the test moves. */
async function cachedSite(options: Partial<AnonymousCacheOptions> = {}) {
  const clock = { now: Date.UTC(2026, 7, 1) };
  const cache = createAnonymousCache({ maxEntries: 100, maxBodyBytes: 1_000_000, maxSeconds: 300, clock: () => clock.now, ...options });
  const { handler, calls } = renderer();
  const origin = await listen(cache.wrap(handler));
  return { origin, calls, cache, clock, get: (path: string, init?: Parameters<typeof send>[1]) => send(origin + path, init) };
}

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
