// The Stripe SDK, configured from the environment; undefined when payments are not set up.
// In demo mode and tests STRIPE_API_HOST/PORT/PROTOCOL point it at the Stripe double.
import Stripe from 'stripe';
import type { StripeEnv } from '../config/server-env.ts';
import { PACK_OFFERS, type ClubPlan, type CreditPack, type PackOffer } from '../../lib/billing/offers.ts';

/**
 * The API version every request and every object shape is read in: the one the installed SDK
 * is typed for. Pinned here so a change of the account's default version in Stripe's dashboard
 * changes nothing; upgrading the `stripe` package is when to move it (its types then say what
 * changed). Webhook endpoints should be created with the same version.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies typeof Stripe.API_VERSION;

let cached: { key: string; client: Stripe } | undefined;

export function stripeClient(env: StripeEnv): Stripe {
  if (cached?.key === env.secretKey) return cached.client;
  const client = new Stripe(env.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(env.api ? { host: env.api.host, port: env.api.port, protocol: env.api.protocol } : {}),
  });
  cached = { key: env.secretKey, client };
  return client;
}

export function clubPriceId(env: StripeEnv, plan: ClubPlan): string {
  return plan === 'monthly' ? env.prices.clubMonthly : env.prices.clubYearly;
}

export function packPriceId(env: StripeEnv, pack: CreditPack): string {
  return pack === 'credits-5' ? env.prices.credits5 : env.prices.credits20;
}

/** Which credit pack a Stripe price id is, if it is one of the configured pack prices. */
export function packOfPrice(env: StripeEnv, priceId: string | undefined): PackOffer | undefined {
  return PACK_OFFERS.find((offer) => priceId !== undefined && packPriceId(env, offer.pack) === priceId);
}

/** Which plan a Stripe price id is, if it is one of the Club's. */
export function planOfPrice(env: StripeEnv, priceId: string | undefined): ClubPlan | undefined {
  if (priceId === env.prices.clubMonthly) return 'monthly';
  if (priceId === env.prices.clubYearly) return 'yearly';
  return undefined;
}
