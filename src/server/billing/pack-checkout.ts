// A credit pack's Checkout Session, applied: the credits come from the configured pack of the
// price bought (never from metadata), are granted once the payment is paid (at once by card, or
// when a delayed method settles) and recorded as a purchase that refunds and disputes can find.
import type Stripe from 'stripe';
import { creditPurchases } from '../../../db/schema/index.ts';
import { packCredits } from '../../lib/billing/pack-credits.ts';
import { applyGrant } from '../credits/ledger.ts';
import type { CheckoutContext, CheckoutResult } from './checkout.ts';
import { reverseCharge } from './payment-reversals.ts';
import { packOfPrice } from './stripe-client.ts';
import { log } from '../log/logger.ts';
import { logEvent } from '../log/events.ts';

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id);

async function lineItemsOf(ctx: CheckoutContext, session: Stripe.Checkout.Session): Promise<Stripe.LineItem[]> {
  if (session.line_items && !session.line_items.has_more) return session.line_items.data;
  const listed = await ctx.stripe.checkout.sessions.listLineItems(session.id, { limit: 100 });
  return listed.data;
}

/** Where an unpaid session stands: a delayed method still settling, failed, or not yet paid. */
function unpaidStatus(session: Stripe.Checkout.Session): 'processing' | 'failed' | 'pending' {
  if (session.status !== 'complete') return 'pending';
  const intent = session.payment_intent;
  if (typeof intent === 'object' && intent !== null && (intent.status === 'requires_payment_method' || intent.status === 'canceled')) return 'failed';
  return 'processing';
}

export async function applyPackCheckout(ctx: CheckoutContext, session: Stripe.Checkout.Session, userId: string | undefined): Promise<CheckoutResult> {
  const lines = (await lineItemsOf(ctx, session)).map((item) => ({ priceId: item.price?.id, quantity: item.quantity }));
  const bought = packCredits(lines, (priceId) => packOfPrice(ctx.env, priceId)?.credits);
  if (bought.kind === 'unknown-price') {
    const note = `no credits: price ${bought.priceIds.join(', ')} is not a configured credit pack`;
    log().warn({ checkoutSession: session.id }, `Checkout Session ${session.id}: ${note}.`);
    return { kind: 'refused', note };
  }
  if (session.payment_status !== 'paid' || !userId) return { kind: 'credits', status: userId ? unpaidStatus(session) : 'pending', credits: bought.credits };
  const paymentIntentId = idOf(session.payment_intent) ?? null;
  const purchased = await ctx.db.transaction(async (tx) => {
    // Both writes are once-only (the session id is the purchase's key and the ledger's payment
    // reference), so the success page and every webhook may all arrive here.
    const inserted = await tx
      .insert(creditPurchases)
      .values({ checkoutSessionId: session.id, userId, paymentIntentId, priceId: bought.priceId, credits: bought.credits, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: creditPurchases.checkoutSessionId });
    await applyGrant(tx, userId, { amount: bought.credits, reason: 'purchase', paymentRef: session.id }, ctx.now);
    return inserted.length > 0;
  });
  if (purchased) logEvent('credits.purchased', { userId, checkoutSession: session.id, credits: bought.credits });
  // Refunded or disputed before this grant (its event came first): take back now what it stands for.
  const charge = typeof session.payment_intent === 'object' ? session.payment_intent?.latest_charge : undefined;
  if (typeof charge === 'object' && charge !== null && (charge.amount_refunded > 0 || charge.disputed)) await reverseCharge(ctx, charge.id);
  return { kind: 'credits', status: 'granted', credits: bought.credits };
}
