// Stripe webhooks: every event is stored by its id and processed once. A duplicate or a
// retry of a processed event changes nothing; a failed one is processed again when Stripe
// retries it; unknown event types are acknowledged and ignored; an event about a reader who
// no longer exists is recorded and skipped.
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import { stripeEvents, users } from '../../../db/schema/index.ts';
import { applyCheckoutSession, type CheckoutContext } from './checkout.ts';
import { isMissingAtStripe } from './customers.ts';
import { syncSubscription } from './subscription-sync.ts';

export type EventOutcome = 'processed' | 'skipped' | 'ignored' | 'duplicate' | 'in-progress';

export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** What `data.object` is for each handled event type (its `object` field, as Stripe sends it). */
export const OBJECT_OF: Record<(typeof HANDLED_EVENTS)[number], string> = {
  'checkout.session.completed': 'checkout.session',
  'customer.subscription.created': 'subscription',
  'customer.subscription.updated': 'subscription',
  'customer.subscription.deleted': 'subscription',
  'invoice.paid': 'invoice',
  'invoice.payment_failed': 'invoice',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdentifier = (v: unknown): v is string => typeof v === 'string' && /^[\w.:-]{1,255}$/.test(v);
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

function subscriptionIdOfInvoice(invoice: Stripe.Invoice): string | undefined {
  const legacy = (invoice as unknown as { subscription?: string | { id: string } | null }).subscription;
  const fromParent = invoice.parent?.subscription_details?.subscription;
  const id = fromParent ?? legacy;
  const found: unknown = typeof id === 'string' ? id : id?.id;
  return isIdentifier(found) ? found : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function readerExists(ctx: CheckoutContext, userId: unknown): Promise<boolean> {
  // Not a user id at all (only our own metadata is, but the payload is Stripe's to send).
  if (typeof userId !== 'string' || !UUID.test(userId)) return false;
  const rows = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return rows.length > 0;
}

/** Does the work of one event; the subscription is always fetched fresh, so order does not matter. */
async function process(ctx: CheckoutContext, event: Stripe.Event): Promise<{ outcome: 'processed' | 'skipped' | 'ignored'; note?: string }> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (!(await readerExists(ctx, session.metadata?.user_id ?? session.client_reference_id))) return { outcome: 'skipped', note: 'reader no longer exists' };
      const result = await applyCheckoutSession(ctx, session);
      return { outcome: 'processed', note: JSON.stringify(result) };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const id = event.type.startsWith('invoice.') ? subscriptionIdOfInvoice(event.data.object as Stripe.Invoice) : (event.data.object as Stripe.Subscription).id;
      if (!id) return { outcome: 'ignored', note: 'not about a subscription' };
      let sub: Stripe.Subscription;
      try {
        sub = await ctx.stripe.subscriptions.retrieve(id);
      } catch (error) {
        // A subscription Stripe does not have will not appear on a retry either.
        if (isMissingAtStripe(error)) return { outcome: 'skipped', note: `subscription ${id} unknown at Stripe` };
        throw error;
      }
      const synced = await syncSubscription(ctx.db, ctx.env, sub, ctx.now);
      return synced === 'synced' ? { outcome: 'processed', note: `${sub.id} ${sub.status}` } : { outcome: 'skipped', note: 'reader no longer exists' };
    }
    default:
      return { outcome: 'ignored', note: 'event type not used by Masthead' };
  }
}

export async function receiveStripeEvent(ctx: CheckoutContext, event: Stripe.Event): Promise<EventOutcome> {
  const claimed = await claim(ctx, event);
  if (claimed !== 'claimed') return claimed;
  try {
    const { outcome, note } = await process(ctx, event);
    await ctx.db.update(stripeEvents).set({ processedAt: ctx.now, outcome, note: note ?? null }).where(eq(stripeEvents.id, event.id));
    return outcome;
  } catch (error) {
    await ctx.db.update(stripeEvents).set({ outcome: 'failed', note: String((error as Error).message).slice(0, 500) }).where(eq(stripeEvents.id, event.id));
    throw error;
  }
}
