// Webhook delivery: each event signed with the SDK's own test-header helper and POSTed to the
// app one at a time, in order, retried after a non-2xx answer or a failed connection.
import Stripe from 'stripe';
import type { Delivery, SentEvent, StripeEvent } from './types.ts';

export const RETRY_DELAYS_MS = [200, 400, 800] as const;
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface WebhookSender {
  /** Every event sent, oldest first, with each delivery attempt. */
  events: SentEvent[];
  /** Queue an event (or, for a resend, one already sent); resolves when its attempts are over. */
  send(sent: SentEvent): Promise<void>;
  /** Resolves when nothing is queued or being delivered. */
  idle(): Promise<void>;
  stop(): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

async function attempt(url: string, secret: string, event: StripeEvent, signal: AbortSignal): Promise<Delivery> {
  const payload = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const at = new Date().toISOString();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': header, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, at };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 'error', at, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/** `retryDelaysMs`: the waits before each retry of a failed delivery (its length is the number of retries). */
export function createWebhookSender(url: string, secret: string, retryDelaysMs: readonly number[] = RETRY_DELAYS_MS): WebhookSender {
  const events: SentEvent[] = [];
  const stopping = new AbortController();
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;

  async function deliver(sent: SentEvent): Promise<void> {
    for (let i = 0; i <= retryDelaysMs.length && !stopping.signal.aborted; i++) {
      if (i > 0) await sleep(retryDelaysMs[i - 1] ?? 0, stopping.signal);
      if (stopping.signal.aborted) return;
      const result = await attempt(url, secret, sent.event, stopping.signal);
      sent.deliveries.push(result);
      if (typeof result.status === 'number' && result.status >= 200 && result.status < 300) return;
    }
  }

  return {
    events,
    send(sent) {
      if (!events.includes(sent)) events.push(sent);
      pending++;
      const done = tail.then(() => deliver(sent)).finally(() => {
        pending--;
      });
      tail = done;
      return done;
    },
    async idle() {
      while (pending > 0) await tail;
    },
    stop() {
      stopping.abort();
    },
  };
}
