// The double's HTTP plumbing: a small method-and-path router, request bodies, and answers in
// Stripe's shapes (JSON with a Request-Id, `{ error: { type, message } }` on failure).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newId } from './store.ts';

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  body: string;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'html'; status: number; body: string }
  | { kind: 'redirect'; location: string };

export type Handler = (req: Request) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  #routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The handler for a request, or why there is none (404 no path, 405 wrong method). */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 404 | 405 {
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { handler: route.handler, params };
    }
    return pathMatched ? 405 : 404;
  }
}

export class StripeError extends Error {
  override name = 'StripeError';
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(status: number, message: string, options: { type?: string; code?: string; param?: string } = {}) {
    super(message);
    this.status = status;
    this.type = options.type ?? 'invalid_request_error';
    this.code = options.code;
    this.param = options.param;
  }

  toJSON(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) error['code'] = this.code;
    if (this.param) error['param'] = this.param;
    return { error };
  }
}

export function json(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body };
}

export function html(body: string, status = 200): Reply {
  return { kind: 'html', status, body };
}

export function redirect(location: string): Reply {
  return { kind: 'redirect', location };
}

export function missing(kind: string, id: string, param?: string): StripeError {
  return new StripeError(param ? 400 : 404, `No such ${kind}: '${id}'`, param ? { code: 'resource_missing', param } : { code: 'resource_missing' });
}

export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new StripeError(413, 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function write(res: ServerResponse, reply: Reply): void {
  res.setHeader('Request-Id', newId('req', 14));
  res.setHeader('Cache-Control', 'no-store');
  if (reply.kind === 'redirect') {
    res.writeHead(303, { Location: reply.location }).end();
  } else if (reply.kind === 'html') {
    res.writeHead(reply.status, { 'Content-Type': 'text/html; charset=utf-8' }).end(reply.body);
  } else {
    res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body, null, 2));
  }
}
