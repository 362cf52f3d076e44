// What each Stripe event type does. The objects an event names (session, subscription, charge)
// are always re-read from Stripe, so a stale, repeated or out-of-order event changes nothing
// that the current state at Stripe would not.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { users } from '../../../db/schema/index.ts';
import { applyCheckoutSession, retrieveCheckout, type CheckoutContext } from './checkout.ts';
import { isMissingAtStripe } from './customers.ts';
import { reverseCharge } from './payment-reversals.ts';
import { syncSubscription } from './subscription-sync.ts';

export interface HandledOutcome {
  outcome: 'processed' | 'skipped' | 'ignored';
  note?: string;
}

export const isIdentifier = (v: unknown): v is string => typeof v === 'string' && /^[\w.:-]{1,255}$/.test(v);

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

/** Reads an object from Stripe; one Stripe does not have will not appear on a retry either. */
async function fromStripe<T>(what: string, read: () => Promise<T>): Promise<T | HandledOutcome> {
  try {
    return await read();
  } catch (error) {
    if (isMissingAtStripe(error)) return { outcome: 'skipped', note: `${what} unknown at Stripe` };
    throw error;
  }
}

const isOutcome = (v: unknown): v is HandledOutcome => typeof v === 'object' && v !== null && 'outcome' in v;

/** Completed, or a delayed payment settled either way: the session as Stripe holds it decides. */
async function checkoutSession(ctx: CheckoutContext, given: Stripe.Checkout.Session): Promise<HandledOutcome> {
  if (!(await readerExists(ctx, given.metadata?.user_id ?? given.client_reference_id))) return { outcome: 'skipped', note: 'reader no longer exists' };
  const session = await fromStripe(`checkout session ${given.id}`, () => retrieveCheckout(ctx.stripe, given.id));
  if (isOutcome(session)) return session;
  const result = await applyCheckoutSession(ctx, session);
  if (result.kind === 'refused') return { outcome: 'skipped', note: result.note };
  return { outcome: 'processed', note: JSON.stringify(result) };
}

async function subscriptionEvent(ctx: CheckoutContext, id: string | undefined): Promise<HandledOutcome> {
  if (!id) return { outcome: 'ignored', note: 'not about a subscription' };
  const sub = await fromStripe(`subscription ${id}`, () => ctx.stripe.subscriptions.retrieve(id));
  if (isOutcome(sub)) return sub;
  const synced = await syncSubscription(ctx.db, ctx.env, sub, ctx.now);
  if (synced === 'synced') return { outcome: 'processed', note: `${sub.id} ${sub.status}` };
  if (synced === 'not-club') return { outcome: 'skipped', note: `${sub.id} is not on a Club price: no membership` };
  return { outcome: 'skipped', note: 'reader no longer exists' };
}

/** Does the work of one event. */
export async function handleStripeEvent(ctx: CheckoutContext, event: Stripe.Event): Promise<HandledOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
      return checkoutSession(ctx, event.data.object);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return subscriptionEvent(ctx, event.data.object.id);
    case 'invoice.paid':
    case 'invoice.payment_failed':
      return subscriptionEvent(ctx, subscriptionIdOfInvoice(event.data.object));
    case 'charge.refunded':
      return reverseCharge(ctx, event.data.object.id);
    case 'charge.dispute.created': {
      const charge: unknown = typeof event.data.object.charge === 'string' ? event.data.object.charge : event.data.object.charge?.id;
      return isIdentifier(charge) ? reverseCharge(ctx, charge) : { outcome: 'ignored', note: 'a dispute without a charge' };
    }
    default:
      return { outcome: 'ignored', note: 'event type not used by Masthead' };
  }
}
