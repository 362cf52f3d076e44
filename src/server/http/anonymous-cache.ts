// A small in-process cache for public pages, in front of Astro. It keeps a response only
// when the page itself declared it shareable (Cache-Control: public with s-maxage) and set
// no cookie, and it answers only requests that carry no cookie and no credentials, so a
// signed-in reader always reaches the renderer. A stored page is also gzipped once, and hits
// go out compressed to clients that accept it.
//
// Pages name the cache keys they were built from (X-Cache-Keys, set by markPublic in
// src/server/http/cache-control.ts). The header is removed from every response before it
// leaves the process, stored or not. A page with keys is kept for maxSeconds and removed by
// purge(keys) when content changes (purgeOnContentChange wires that to
// src/server/content/content-changes.ts); a page without keys keeps only its s-maxage. The
// store (src/lib/http/keyed-page-store.ts) is bounded in bytes, least recently used first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { CACHE_KEYS_HEADER, parseCacheKeys } from '../../lib/http/cache-control.ts';
import { createKeyedPageStore, type StoredPage } from '../../lib/http/keyed-page-store.ts';
import { onContentChange } from '../content/content-changes.ts';

export interface CachedResponse extends StoredPage {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The body gzipped once when stored (text worth compressing), for clients that accept it. */
  gzipped?: Buffer | undefined;
  storedAt: number;
  /** The route pattern of the render that was kept, for the request log of its hits. */
  route?: string | undefined;
}

/** The request log's view of the cache: the route of the page being rendered, read when it is kept, and told again for each hit. */
export interface CacheRouteNotes {
  renderedRoute(): string | undefined;
  servedRoute(route: string | undefined): void;
}

export interface AnonymousCacheOptions {
  /** Most bytes kept (bodies, gzipped copies, headers); the least recently used go first. */
  maxBytes?: number | undefined;
  /** Most entries kept, if bounded by count too. */
  maxEntries?: number | undefined;
  /** Largest body kept, in bytes. */
  maxBodyBytes: number;
  /** Upper bound on any entry's lifetime, in seconds (pages with keys get all of it); 0 turns the cache off. */
  maxSeconds: number;
  clock: () => number;
  /** For the request log (scripts/serve.ts): which page a hit served. */
  routeNotes?: CacheRouteNotes | undefined;
}

/** maxBytes when none is given: 64 MB, ANONYMOUS_CACHE_MB's default (src/server/config/server-env.ts). */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** What an entry costs beyond its bodies and headers (the map slots, the object). */
const ENTRY_OVERHEAD_BYTES = 256;

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Requests the cache may answer: plain GET/HEAD without cookies or credentials. */
export function isCacheableRequest(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !req.headers.cookie && !req.headers.authorization;
}

/** Seconds a response may be shared, from its own headers; 0 means never. */
export function sharedLifetime(status: number, headers: Record<string, unknown>): number {
  if (status !== 200 || headers['set-cookie'] !== undefined) return 0;
  const cc = String(headers['cache-control'] ?? '').toLowerCase();
  if (!/(?:^|,)\s*public\s*(?:,|$)/.test(cc) || /private|no-store|no-cache/.test(cc)) return 0;
  const sMaxAge = /s-maxage=(\d+)/.exec(cc);
  return sMaxAge ? Number(sMaxAge[1]) : 0;
}

/** Whether the client takes gzip (and has not refused it with q=0). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q) > 0);
  });
}

const COMPRESSIBLE = /^(text\/|application\/(xml|rss\+xml|json|javascript))/;
const MIN_COMPRESS_BYTES = 1024;

/** Gzips a stored body when that saves bytes worth having. */
function gzipFor(headers: Record<string, unknown>, body: Buffer): Buffer | undefined {
  if (body.length < MIN_COMPRESS_BYTES || headers['content-encoding'] || !COMPRESSIBLE.test(String(headers['content-type'] ?? ''))) return undefined;
  return gzipSync(body, { level: 6 });
}

/** The Vary header of a stored page, with Accept-Encoding added when it has a gzipped copy. */
function varyWithEncoding(vary: unknown): string {
  const parts = String(vary ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return [...parts.filter((v) => v.toLowerCase() !== 'accept-encoding'), 'Accept-Encoding'].join(', ');
}

function headerBytes(headers: Record<string, string | string[]>): number {
  let total = 0;
  for (const [name, value] of Object.entries(headers)) total += name.length + (Array.isArray(value) ? value.join('').length : String(value).length) + 4;
  return total;
}

/**
 * Makes `res` take the page's cache keys out of its headers however they are written
 * (setHeader, or writeHead with an object or a flat array) and hand them to `onKeys` just
 * before the head is sent. Nothing named CACHE_KEYS_HEADER ever reaches the client.
 */
function stripCacheKeys(res: ServerResponse, onKeys: (keys: string[]) => void = () => {}): void {
  const writeHead = res.writeHead.bind(res) as (status: number, reason?: string) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const reason = typeof rest[0] === 'string' ? rest.shift() as string : undefined;
    const headers = rest[0];
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers && typeof headers === 'object') {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string | string[]);
    }
    const keys = parseCacheKeys(res.getHeader(CACHE_KEYS_HEADER));
    res.removeHeader(CACHE_KEYS_HEADER);
    onKeys(keys);
    return reason === undefined ? writeHead(status) : writeHead(status, reason);
  }) as ServerResponse['writeHead'];
}

export function createAnonymousCache(options: AnonymousCacheOptions) {
  const store = createKeyedPageStore<CachedResponse>({ maxBytes: options.maxBytes ?? DEFAULT_CACHE_BYTES, maxEntries: options.maxEntries });

  function serve(req: IncomingMessage, res: ServerResponse, hit: CachedResponse): void {
    // A page with keys is purged the moment it changes, so it is as good as fresh: no Age,
    // which would only make outside caches think it older than it is.
    const age = hit.keys.length > 0 ? {} : { age: String(Math.max(0, Math.floor((options.clock() - hit.storedAt) / 1000))) };
    const gzip = hit.gzipped && acceptsGzip(req.headers['accept-encoding']) ? hit.gzipped : undefined;
    const body = gzip ?? hit.body;
    options.routeNotes?.servedRoute(hit.route);
    const { 'content-length': _length, ...headers } = hit.headers;
    const encoding = gzip ? { 'content-encoding': 'gzip' } : {};
    res.writeHead(hit.status, { ...headers, ...encoding, 'content-length': String(body.length), ...age, 'x-cache': 'HIT' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Records what the handler writes and keeps it if the page allowed sharing. */
  function capture(url: string, res: ServerResponse): void {
    const ticket = store.startRender();
    let keys: string[] = [];
    let finished = false;
    const finish = (keep: boolean) => {
      if (finished) return false;
      finished = true;
      return store.finishRender(ticket, keys) && keep;
    };
    res.once('close', () => finish(false)); // aborted: forget the ticket
    stripCacheKeys(res, (declared) => (keys = declared));
    const chunks: Buffer[] = [];
    let size = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
      size += buf.length;
      if (size <= options.maxBodyBytes) chunks.push(buf);
    };
    res.setHeader('x-cache', 'MISS');
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk);
      if (!res.headersSent) res.writeHead(res.statusCode); // so the keys are read and stripped
      const headers = res.getHeaders() as Record<string, string | string[]>;
      const shared = sharedLifetime(res.statusCode, headers);
      const seconds = Math.min(keys.length > 0 ? options.maxSeconds : shared, options.maxSeconds);
      if (finish(shared > 0 && seconds > 0 && size <= options.maxBodyBytes)) {
        const now = options.clock();
        // The request's own id goes out with this answer only, never with a hit.
        const { 'x-cache': _ignored, 'transfer-encoding': _chunked, 'x-request-id': _id, ...stored } = headers;
        const body = Buffer.concat(chunks);
        const gzipped = gzipFor(stored, body);
        if (gzipped) stored.vary = varyWithEncoding(stored.vary);
        const bytes = ENTRY_OVERHEAD_BYTES + url.length + headerBytes(stored) + body.length + (gzipped?.length ?? 0) + keys.join(' ').length;
        const route = options.routeNotes?.renderedRoute();
        store.put(url, { status: res.statusCode, headers: stored, body, gzipped, keys, bytes, storedAt: now, expiresAt: now + seconds * 1000, route });
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }

  function wrap(handler: NodeHandler): NodeHandler {
    return (req, res) => {
      if (options.maxSeconds <= 0 || !isCacheableRequest(req)) {
        stripCacheKeys(res);
        return handler(req, res);
      }
      const url = req.url ?? '/';
      const hit = store.get(url, options.clock());
      if (hit) return serve(req, res, hit);
      if (req.method === 'GET') capture(url, res);
      else stripCacheKeys(res);
      return handler(req, res);
    };
  }

  return {
    wrap,
    /** Removes the pages filed under any of `keys` ('*': every page); returns how many went. */
    purge: (keys: readonly string[]) => store.purge(keys),
    size: () => store.size(),
    clear: () => store.clear(),
    /** hits, misses, evictions, purged, bytes, entries: for metrics. */
    counters: () => store.counters(),
  };
}

export type AnonymousCache = ReturnType<typeof createAnonymousCache>;

/** Purges `cache` on every content change, here or on another instance; returns the unsubscribe. */
export function purgeOnContentChange(cache: Pick<AnonymousCache, 'purge'>): () => void {
  return onContentChange((keys) => void cache.purge(keys));
}
