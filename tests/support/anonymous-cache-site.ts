// What the anonymous page cache's tests share (tests/unit/anonymous-cache-*.test.ts): the
// cache (src/server/http/anonymous-cache.ts) wrapped around a page renderer that counts its
// calls, served by a real HTTP server on a port the system gives, with a clock the test moves.
//
//   afterEach(closeCachedSites);
//   const site = await cachedSite({ maxSeconds: 30 });
//   const reply = await site.get('/business/?keys=section:business');
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAnonymousCache, type AnonymousCacheOptions, type NodeHandler } from '../../src/server/http/anonymous-cache.ts';

/** The Cache-Control the renderer sends unless `?cc=` says otherwise: shared for 60 s. */
export const PUBLIC = 'public, max-age=60, s-maxage=60';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
}

const servers: Server[] = [];

/** Closes every server the tests of this file started; for afterEach. */
export async function closeCachedSites(): Promise<void> {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
}

/** `n` bytes of hexadecimal digits from a fixed seed: text that compresses only about by half. */
function noise(n: number): string {
  let seed = 1;
  return Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) % 16)
    .map((digit) => digit.toString(16))
    .join('');
}

/**
 * A page renderer that counts its calls. The body names the call, so a cached reply is
 * recognisable. `?cc=` sets Cache-Control, `?status=`, `?cookie`, `?size=` and `?noise=` shape
 * the reply; `?keys=`, `?setkeys=` and `?arraykeys=` name its cache keys; `?wait` holds it.
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
    const rest = 'x'.repeat(Number(url.searchParams.get('size') ?? 0)) + noise(Number(url.searchParams.get('noise') ?? 0));
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

export interface SendInit {
  method?: string;
  headers?: Record<string, string>;
}

function send(url: string, init: SendInit = {}): Promise<Reply> {
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
export async function cachedSite(options: Partial<AnonymousCacheOptions> = {}) {
  const clock = { now: Date.UTC(2026, 7, 1) };
  const cache = createAnonymousCache({ maxEntries: 100, maxBodyBytes: 1_000_000, maxSeconds: 300, clock: () => clock.now, ...options });
  const { handler, calls, waiting } = renderer();
  const origin = await listen(cache.wrap(handler));
  return { origin, calls, waiting, cache, clock, get: (path: string, init?: SendInit) => send(origin + path, init) };
}

/** Waits (up to about a second) until `check` holds. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('timed out waiting');
}
