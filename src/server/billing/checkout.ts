// Starting a Stripe Checkout for the Club or a credit pack, and confirming one when the
// reader comes back (before the webhook may have arrived).
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { PACK_OFFERS, type ClubPlan, type CreditPack } from '../../lib/billing/offers.ts';
import type { StripeEnv } from '../config/server-env.ts';
import { ensureCustomer } from './customers.ts';
import { applyPackCheckout } from './pack-checkout.ts';
import { clubPriceId, packPriceId } from './stripe-client.ts';
import { syncSubscription } from './subscription-sync.ts';
import type { Reader } from '../auth/sessions.ts';

export interface CheckoutContext {
  db: Db;
  stripe: Stripe;
  env: StripeEnv;
  siteUrl: string;
  now: Date;
}

const url = (siteUrl: string, path: string) => new URL(path, siteUrl).href;

/** Stripe refuses metadata values over 500 characters; a longer `next` is left out (home is the fallback). */
const METADATA_VALUE_MAX = 500;
const nextMetadata = (next: string) => (next.length <= METADATA_VALUE_MAX ? { next } : {});

/**
 * Starts the Club's Checkout. `storySlug` is the story the reader came from (already checked
 * to exist): it goes into the session's metadata and, through `subscription_data`, into the
 * subscription's, where subscription-sync records it on the membership row.
 */
export async function startClubCheckout(ctx: CheckoutContext, user: Reader, plan: ClubPlan, next: string, storySlug?: string): Promise<string> {
  const customer = await ensureCustomer(ctx.db, ctx.stripe, user, ctx.now);
  const story = storySlug ? { story_slug: storySlug } : {};
  const session = await ctx.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: user.id,
    line_items: [{ price: clubPriceId(ctx.env, plan), quantity: 1 }],
    metadata: { user_id: user.id, kind: 'club', plan, ...nextMetadata(next), ...story },
    subscription_data: { metadata: { user_id: user.id, ...story } },
    success_url: `${url(ctx.siteUrl, '/club/welcome/')}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: url(ctx.siteUrl, '/club/?checkout=cancelled'),
  });
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL.');
  return session.url;
}

export async function startCreditCheckout(ctx: CheckoutContext, user: Reader, pack: CreditPack, next: string): Promise<string> {
  const offer = PACK_OFFERS.find((p) => p.pack === pack);
  if (!offer) throw new Error(`Unknown credit pack ${pack}.`);
  const customer = await ensureCustomer(ctx.db, ctx.stripe, user, ctx.now);
  const session = await ctx.stripe.checkout.sessions.create({
    mode: 'payment',
    customer,
    client_reference_id: user.id,
    line_items: [{ price: packPriceId(ctx.env, pack), quantity: 1 }],
    // The credits granted come from the price bought (pack-checkout.ts), not from this metadata.
    metadata: { user_id: user.id, kind: 'credits', pack, ...nextMetadata(next) },
    success_url: `${url(ctx.siteUrl, '/credits/thanks/')}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: url(ctx.siteUrl, '/credits/?checkout=cancelled'),
  });
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL.');
  return session.url;
}

/**
 * `processing`: paid by a delayed method (a bank debit) that has not settled; `failed`: it did
 * not settle, nothing was charged. `refused`: the session bought a price that is neither a
 * configured credit pack nor a Club plan, so it grants nothing (the note says which).
 */
export type CheckoutResult =
  | { kind: 'club'; status: 'active' | 'pending' }
  | { kind: 'credits'; status: 'granted' | 'pending' | 'processing' | 'failed'; credits: number }
  | { kind: 'refused'; note: string }
  | { kind: 'unknown' };

/** A Checkout Session as Stripe holds it now, with what `applyCheckoutSession` reads. */
export function retrieveCheckout(stripe: Stripe, sessionId: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.retrieve(sessionId, { expand: ['line_items', 'payment_intent.latest_charge'] });
}

/**
 * Applies a completed Checkout Session: grants a pack's credits once it is paid (once: the
 * session id is the ledger's payment reference) or syncs the new subscription. Called by the
 * webhooks and by the success page; whichever comes first does the work, the others change
 * nothing.
 */
export async function applyCheckoutSession(ctx: CheckoutContext, session: Stripe.Checkout.Session): Promise<CheckoutResult> {
  const userId = session.metadata?.user_id ?? session.client_reference_id ?? undefined;
  if (session.mode === 'payment') return applyPackCheckout(ctx, session, userId);
  if (session.mode === 'subscription') {
    const subId = typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
    if (session.status !== 'complete' || !subId) return { kind: 'club', status: 'pending' };
    const sub = await ctx.stripe.subscriptions.retrieve(subId);
    const outcome = await syncSubscription(ctx.db, ctx.env, sub, ctx.now);
    if (outcome === 'not-club') return { kind: 'refused', note: `subscription ${sub.id} is not on a Club price` };
    return { kind: 'club', status: outcome === 'synced' ? 'active' : 'pending' };
  }
  return { kind: 'unknown' };
}

/**
 * The success page: fetch the session from Stripe and apply it, if it is this reader's.
 * Also returns where the reader was going when they started (metadata.next).
 */
export async function confirmCheckout(ctx: CheckoutContext, user: Reader, sessionId: string): Promise<{ result: CheckoutResult; next: string | undefined }> {
  const session = await retrieveCheckout(ctx.stripe, sessionId);
  const owner = session.metadata?.user_id ?? session.client_reference_id;
  if (owner !== user.id) return { result: { kind: 'unknown' }, next: undefined };
  return { result: await applyCheckoutSession(ctx, session), next: session.metadata?.next };
}
