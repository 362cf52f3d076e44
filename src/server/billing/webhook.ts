// Stripe webhooks: every event is stored by its id and processed once. A duplicate or a
// retry of a processed event changes nothing; a failed one is processed again when Stripe
// retries it; unknown event types are acknowledged and ignored; an event about a reader who
// no longer exists is recorded and skipped.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import { stripeEvents } from '../../../db/schema/index.ts';
import type { CheckoutContext } from './checkout.ts';
import { handleStripeEvent, isIdentifier } from './event-handlers.ts';
import { logEvent } from '../log/events.ts';

export type EventOutcome = 'processed' | 'skipped' | 'ignored' | 'duplicate' | 'in-progress';

/** The events to enable on the webhook endpoint (docs/deployment.md lists them too). */
export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'charge.refunded',
  'charge.dispute.created',
] as const;

/** What `data.object` is for each handled event type (its `object` field, as Stripe sends it). */
export const OBJECT_OF: Record<(typeof HANDLED_EVENTS)[number], string> = {
  'checkout.session.completed': 'checkout.session',
  'checkout.session.async_payment_succeeded': 'checkout.session',
  'checkout.session.async_payment_failed': 'checkout.session',
  'customer.subscription.created': 'subscription',
  'customer.subscription.updated': 'subscription',
  'customer.subscription.deleted': 'subscription',
  'invoice.paid': 'invoice',
  'invoice.payment_failed': 'invoice',
  'charge.refunded': 'charge',
  'charge.dispute.created': 'dispute',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** NUL and lone surrogates: PostgreSQL cannot store them in jsonb. */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (UNSTORABLE.test(next)) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) {
        if (UNSTORABLE.test(key)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/**
 * Why a verified payload is not an event Masthead can store and act on, or undefined when it
 * is. Stripe never sends such a payload; one means a misconfigured sender or a leaked secret,
 * and the answer is a 400 (a 500 would only make Stripe retry the same payload for days).
 */
export function malformedEventProblem(event: unknown): string | undefined {
  if (!isRecord(event)) return 'The payload is not a Stripe event object.';
  if (!isIdentifier(event.id)) return 'The event has no valid id.';
  if (!isIdentifier(event.type)) return 'The event has no valid type.';
  if (!isRecord(event.data) || !isRecord(event.data.object)) return 'The event has no data.object.';
  if (hasUnstorableText(event)) return 'The event contains text that cannot be stored (NUL or a lone surrogate).';
  const expected = OBJECT_OF[event.type as keyof typeof OBJECT_OF];
  if (expected && (event.data.object.object !== expected || !isIdentifier(event.data.object.id))) {
    return `A ${event.type} event must carry a ${expected} with an id.`;
  }
  return undefined;
}

/** A claim older than this is taken to belong to an instance that died mid-way. */
export const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Stores the event, or claims a stored one that failed before or whose claim went stale;
 * otherwise says whether it is done (duplicate) or being handled elsewhere (in-progress).
 */
async function claim(ctx: CheckoutContext, event: Stripe.Event): Promise<'claimed' | 'duplicate' | 'in-progress'> {
  const inserted = await ctx.db
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, receivedAt: ctx.now, claimedAt: ctx.now, outcome: 'processing', payload: event as unknown as Record<string, unknown> })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  if (inserted.length > 0) return 'claimed';
  const retried = await ctx.db
    .update(stripeEvents)
    .set({ outcome: 'processing', note: null, claimedAt: ctx.now })
    .where(
      and(
        eq(stripeEvents.id, event.id),
        isNull(stripeEvents.processedAt),
        or(eq(stripeEvents.outcome, 'failed'), lt(stripeEvents.claimedAt, new Date(ctx.now.getTime() - STALE_CLAIM_MS))),
      ),
    )
    .returning({ id: stripeEvents.id });
  if (retried.length > 0) return 'claimed';
  const [row] = await ctx.db.select({ processedAt: stripeEvents.processedAt }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  return row?.processedAt ? 'duplicate' : 'in-progress';
}

/** Seconds from Stripe creating the event to its handling here. */
function lagSeconds(event: Stripe.Event, now: Date): number | undefined {
  return typeof event.created === 'number' ? Math.max(0, Math.round(now.getTime() / 1000 - event.created)) : undefined;
}

export async function receiveStripeEvent(ctx: CheckoutContext, event: Stripe.Event): Promise<EventOutcome> {
  const claimed = await claim(ctx, event);
  if (claimed !== 'claimed') return claimed;
  try {
    const { outcome, note } = await handleStripeEvent(ctx, event);
    await ctx.db.update(stripeEvents).set({ processedAt: ctx.now, outcome, note: note ?? null }).where(eq(stripeEvents.id, event.id));
    logEvent('webhook.processed', { stripeEvent: event.id, stripeEventType: event.type, outcome, lagSeconds: lagSeconds(event, ctx.now) });
    return outcome;
  } catch (error) {
    await ctx.db.update(stripeEvents).set({ outcome: 'failed', note: String((error as Error).message).slice(0, 500) }).where(eq(stripeEvents.id, event.id));
    logEvent('webhook.failed', { stripeEvent: event.id, stripeEventType: event.type, lagSeconds: lagSeconds(event, ctx.now) });
    throw error;
  }
}
