// The Stripe double's server: plain node:http, Stripe's API under /v1 (test keys only), the
// hosted Checkout and Portal pages, the /__double test controls, and webhooks to the app.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorize, checkApiVersion, registerApi } from './api.ts';
import { registerPaymentsApi } from './api-payments.ts';
import { createBilling } from './billing.ts';
import { registerControls } from './controls.ts';
import { registerHosted } from './hosted.ts';
import { html, json, readBody, Router, StripeError, write, type Reply, type Request } from './http.ts';
import { notFoundPage } from './pages.ts';
import { createStore } from './store.ts';
import type { PriceTable, SentEvent } from './types.ts';
import { createWebhookSender } from './webhooks.ts';

export interface StripeDoubleOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Where webhooks are POSTed (the app's webhook endpoint). */
  webhookUrl: string;
  /** The endpoint secret (whsec_…) the app verifies `Stripe-Signature` with. */
  webhookSecret: string;
  prices: PriceTable;
  /** Time for Stripe objects' timestamps and billing periods; default the wall clock. */
  clock?: () => Date;
  /** Base of the hosted pages' URLs when the browser reaches the double elsewhere; default its own URL. */
  publicUrl?: string;
  /**
   * Hold the hosted pages' redirects and the controls' answers until the webhooks they cause
   * have been delivered (default true). False makes them race, as with real Stripe.
   */
  awaitWebhooks?: boolean;
  /** Waits before each retry of a failed webhook delivery; default RETRY_DELAYS_MS (webhooks.ts). */
  webhookRetryDelaysMs?: readonly number[];
}

export interface StripeDouble {
  /** http://host:port, no trailing slash. */
  url: string;
  host: string;
  port: number;
  /** Every event sent, oldest first, with its delivery attempts (a live array). */
  events: SentEvent[];
  /** Resolves when no webhook is queued or being delivered. */
  waitForDeliveries(): Promise<void>;
  stop(): Promise<void>;
}

function errorReply(error: unknown, path: string): Reply {
  const api = path.startsWith('/v1/') || path.startsWith('/__double/');
  if (error instanceof StripeError) return api ? json(error.toJSON(), error.status) : html(notFoundPage(error.message), error.status);
  const message = error instanceof Error ? error.message : String(error);
  return api ? json({ error: { type: 'api_error', message: `The Stripe double failed: ${message}` } }, 500) : html(notFoundPage(message), 500);
}

export async function startStripeDouble(options: StripeDoubleOptions): Promise<StripeDouble> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? (() => new Date());
  const awaitWebhooks = options.awaitWebhooks ?? true;
  const store = createStore(options.prices, clock);
  const sender = createWebhookSender(options.webhookUrl, options.webhookSecret, options.webhookRetryDelaysMs);
  const billing = createBilling(store, sender);
  const router = new Router();
  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';

  async function handle(incoming: IncomingMessage): Promise<Reply> {
    const url = new URL(incoming.url ?? '/', 'http://double.invalid');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    try {
      const body = await readBody(incoming);
      const found = router.match(method, path);
      if (typeof found === 'number') {
        const message = `Unrecognized request URL (${method}: ${path}).`;
        if (path.startsWith('/v1/') || path.startsWith('/__double/')) throw new StripeError(404, message);
        return html(notFoundPage(message), 404);
      }
      const req: Request = { method, path, query: url.searchParams, headers: incoming.headers, params: found.params, body };
      if (!path.startsWith('/v1/')) return await found.handler(req);
      authorize(req);
      checkApiVersion(req);
      const key = incoming.headers['idempotency-key'];
      const cacheKey = method === 'POST' && typeof key === 'string' ? `${incoming.headers.authorization}:${key}` : undefined;
      const cached = cacheKey ? store.idempotent.get(cacheKey) : undefined;
      if (cached) return json(cached.body, cached.status);
      const reply = await Promise.resolve().then(() => found.handler(req)).catch((error: unknown) => errorReply(error, path));
      if (cacheKey && reply.kind === 'json' && reply.status < 500) store.idempotent.set(cacheKey, { status: reply.status, body: reply.body });
      return reply;
    } catch (error) {
      return errorReply(error, path);
    }
  }

  const server = createServer((incoming: IncomingMessage, res: ServerResponse) => {
    handle(incoming)
      .then((reply) => write(res, reply))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(new Error(`The Stripe double cannot listen on ${host}:${options.port ?? 0}: ${error.message}`));
    server.once('error', failed);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl ||= url;
  registerApi(router, billing, publicUrl);
  registerPaymentsApi(router, billing);
  registerHosted(router, billing, { awaitWebhooks });
  registerControls(router, billing, sender, awaitWebhooks);

  return {
    url,
    host,
    port,
    events: sender.events,
    waitForDeliveries: () => sender.idle(),
    async stop() {
      sender.stop();
      await sender.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
