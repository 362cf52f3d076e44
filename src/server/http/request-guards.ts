// Refusals made on the raw Node request, before Astro builds a Request from it: methods the
// site does not serve (Node's Request cannot even be built for TRACE, which Astro answered
// with a 500), bodies declared larger than their limit (refused before a byte is read), and
// paths under /_astro/ that are not built files (a raw backslash or an encoded dot segment
// there is normalised by the URL parser into a page, which a proxy would then cache as an
// immutable asset).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLimitFor, declaredLength, refusalJson } from './body-limit.ts';

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const;
/** Where the build puts its content-hashed files (Astro's build.assets). */
export const ASSETS_PREFIX = '/_astro/';

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A built file's name: plain segments of letters, digits, `.`, `_` and `-`, none starting with a dot. */
const ASSET_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const json = (status: number, code: string, message: string, headers: Record<string, string> = {}): Refusal => ({
  status,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  body: refusalJson(status, code, message),
});

/** The files under `<clientDir>/_astro/`, as paths relative to it; read once at start (they never change while a build is served). */
export function listBuiltAssets(clientDir: string): ReadonlySet<string> {
  const root = path.join(clientDir, ASSETS_PREFIX);
  try {
    const entries = readdirSync(root, { recursive: true, withFileTypes: true });
    return new Set(entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')));
  } catch {
    return new Set(); // a build with no scripts or external styles has no _astro/ folder
  }
}

/** The path as sent, undecoded and unnormalised; an absolute-form target loses its origin. */
function rawPath(url: string | undefined): string {
  const raw = (url ?? '/').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

export function refuseMethod(method: string | undefined): Refusal | undefined {
  if ((ALLOWED_METHODS as readonly string[]).includes(method ?? '')) return undefined;
  const allow = ALLOWED_METHODS.join(', ');
  return json(405, 'METHOD_NOT_ALLOWED', `This site answers ${allow} only.`, { Allow: allow });
}

/** Under /_astro/, only a built file, named exactly as it was built. */
export function refuseMissingAsset(pathname: string, assets: ReadonlySet<string>): Refusal | undefined {
  if (!pathname.startsWith(ASSETS_PREFIX)) return undefined;
  const name = pathname.slice(ASSETS_PREFIX.length);
  if (ASSET_PATH.test(name) && assets.has(name)) return undefined;
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: 'Not found.' };
}

export function refuseDeclaredBody(pathname: string, contentLength: string | undefined): Refusal | undefined {
  const limit = bodyLimitFor(pathname);
  const declared = declaredLength(contentLength);
  if (declared === undefined || declared <= limit) return undefined;
  return json(413, 'CONTENT_TOO_LARGE', `The request body is larger than ${limit} bytes, the most this address accepts.`);
}

/** The first refusal that applies to `req`, or undefined to serve it. */
export function requestRefusal(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, assets: ReadonlySet<string>): Refusal | undefined {
  const pathname = rawPath(req.url);
  return refuseMethod(req.method) ?? refuseMissingAsset(pathname, assets) ?? refuseDeclaredBody(pathname, req.headers['content-length']);
}

/** How long, and how much, of a body left unread is still taken in after the answer. */
const LINGER_MS = 2000;
const LINGER_BYTES = 256 * 1024 * 1024;

/**
 * A lingering close for answers that leave part of the request body unread (a 413, a
 * refusal, a page that never reads its body). Closing a socket with unread data makes the
 * kernel reset the connection, and the client, still sending, may lose the answer: so the
 * last answer on a connection only half-closes it (Node calls destroySoon then), and the
 * rest of the body is read and dropped for a moment. Reading it to the end would let one
 * client keep the server busy with gigabytes: past LINGER_MS or LINGER_BYTES the connection
 * is closed, and so is a keep-alive connection whose body is still coming by then.
 */
export function closeAfterUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  const destroySoon = socket.destroySoon;
  let lingering: NodeJS.Timeout | undefined;
  let halfClosed = false;
  const close = () => {
    clearTimeout(lingering);
    socket.destroy();
  };
  socket.destroySoon = function halfCloseFirst(this: typeof socket) {
    if (req.complete) return destroySoon.call(this);
    halfClosed = true;
    this.end(); // the answer and a FIN go out; the socket still reads
  };
  res.once('finish', () => {
    if (req.complete || socket.destroyed) return void (socket.destroySoon = destroySoon);
    const startedAt = socket.bytesRead;
    lingering = setTimeout(close, LINGER_MS);
    lingering.unref();
    socket.on('data', () => {
      if (socket.bytesRead - startedAt > LINGER_BYTES) close();
    });
    // The whole body came in time: a half-closed connection is done, a kept-alive one goes on.
    req.once('end', () => (halfClosed ? close() : clearTimeout(lingering)));
    socket.once('close', () => clearTimeout(lingering));
  });
}

export function sendRefusal(res: ServerResponse, refusal: Refusal, method: string | undefined): void {
  res.writeHead(refusal.status, { ...refusal.headers, 'Content-Length': String(Buffer.byteLength(refusal.body)) });
  res.end(method === 'HEAD' ? undefined : refusal.body);
}
