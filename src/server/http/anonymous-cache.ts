// A small in-process cache for public pages, in front of Astro. It keeps a response only
// when the page itself declared it shareable (Cache-Control: public with s-maxage) and set
// no cookie, and it answers only requests that carry no cookie and no credentials, so a
// signed-in reader always reaches the renderer. A stored page is also gzipped once, and hits
// go out compressed to clients that accept it. Nothing here is needed by another instance.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

export interface CachedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The body gzipped once when stored (text worth compressing), for clients that accept it. */
  gzipped?: Buffer | undefined;
  storedAt: number;
  expiresAt: number;
}

export interface AnonymousCacheOptions {
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Largest body kept, in bytes. */
  maxBodyBytes: number;
  /** Upper bound on any entry's lifetime, in seconds; 0 turns the cache off. */
  maxSeconds: number;
  clock: () => number;
}

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

export function createAnonymousCache(options: AnonymousCacheOptions) {
  const entries = new Map<string, CachedResponse>();

  function get(key: string): CachedResponse | undefined {
    const hit = entries.get(key);
    if (!hit) return undefined;
    entries.delete(key);
    if (hit.expiresAt <= options.clock()) return undefined;
    entries.set(key, hit); // most recently used goes last
    return hit;
  }

  function put(key: string, value: CachedResponse): void {
    entries.delete(key);
    entries.set(key, value);
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  function serve(req: IncomingMessage, res: ServerResponse, hit: CachedResponse): void {
    const age = Math.floor((options.clock() - hit.storedAt) / 1000);
    const gzip = hit.gzipped && acceptsGzip(req.headers['accept-encoding']) ? hit.gzipped : undefined;
    const body = gzip ?? hit.body;
    const { 'content-length': _length, ...headers } = hit.headers;
    const encoding = gzip ? { 'content-encoding': 'gzip' } : {};
    res.writeHead(hit.status, { ...headers, ...encoding, 'content-length': String(body.length), age: String(age), 'x-cache': 'HIT' });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Records what the handler writes and keeps it if the page allowed sharing. */
  function capture(key: string, res: ServerResponse): void {
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
      const headers = res.getHeaders() as Record<string, string | string[]>;
      const seconds = Math.min(sharedLifetime(res.statusCode, headers), options.maxSeconds);
      if (seconds > 0 && size <= options.maxBodyBytes) {
        const now = options.clock();
        const { 'x-cache': _ignored, 'transfer-encoding': _chunked, ...stored } = headers;
        const body = Buffer.concat(chunks);
        const gzipped = gzipFor(stored, body);
        if (gzipped) stored.vary = varyWithEncoding(stored.vary);
        put(key, { status: res.statusCode, headers: stored, body, gzipped, storedAt: now, expiresAt: now + seconds * 1000 });
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }

  function wrap(handler: NodeHandler): NodeHandler {
    if (options.maxSeconds <= 0) return handler;
    return (req, res) => {
      if (!isCacheableRequest(req)) return handler(req, res);
      const key = req.url ?? '/';
      const hit = get(key);
      if (hit) return serve(req, res, hit);
      if (req.method === 'GET') capture(key, res);
      return handler(req, res);
    };
  }

  return { wrap, size: () => entries.size, clear: () => entries.clear() };
}
