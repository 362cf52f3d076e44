import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptsGzip, createAnonymousCache, isCacheableRequest, purgeOnContentChange, sharedLifetime, type AnonymousCacheOptions, type NodeHandler } from '../../src/server/http/anonymous-cache.ts';
import { announceContentChange, deliverContentChange } from '../../src/server/content/content-changes.ts';

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
  const waiting: (() => void)[] = [];
  const handler: NodeHandler = (req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = { 'content-type': 'text/html', 'cache-control': url.searchParams.get('cc') ?? PUBLIC };
    if (url.searchParams.has('cookie')) headers['set-cookie'] = 'visited=1';
    const keys = url.searchParams.get('keys');
    // `?keys=` as markPublic sends them; `?setkeys=` through setHeader, `?arraykeys=` in a flat array.
    if (keys !== null) headers['X-Cache-Keys'] = keys;
    if (url.searchParams.has('setkeys')) res.setHeader('x-cache-keys', url.searchParams.get('setkeys')!);
    const render = `<p>render ${calls.length} of ${url.pathname}</p>`;
    // `?noise=n`: n bytes of text that compresses only about by half.
    let seed = 1;
    const noise = Array.from({ length: Number(url.searchParams.get('noise') ?? 0) }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) % 16)
      .map((digit) => digit.toString(16))
      .join('');
    const rest = 'x'.repeat(Number(url.searchParams.get('size') ?? 0)) + noise;
    const status = Number(url.searchParams.get('status') ?? 200);
    const respond = () => {
      if (url.searchParams.has('arraykeys')) {
        res.writeHead(status, [...Object.entries(headers).flat(), 'x-cache-keys', url.searchParams.get('arraykeys')!]);
      } else {
        // Written the way Astro's Node adapter writes: head, then the body in chunks.
        res.writeHead(status, headers);
      }
      res.write(render);
      res.end(rest);
    };
    // `?wait`: the page is rendered (read from the data) now, but sent when the test says so.
    if (url.searchParams.has('wait')) waiting.push(respond);
    else respond();
  };
  return { handler, calls, waiting };
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
  const { handler, calls, waiting } = renderer();
  const origin = await listen(cache.wrap(handler));
  return { origin, calls, waiting, cache, clock, get: (path: string, init?: Parameters<typeof send>[1]) => send(origin + path, init) };
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

// ---- cache keys, purges and the byte bound ----

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('timed out waiting');
};

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

describe('lifetimes', () => {
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
