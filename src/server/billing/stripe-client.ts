// The Stripe SDK, configured from the environment; undefined when payments are not set up.
// In demo mode and tests STRIPE_API_HOST/PORT/PROTOCOL point it at the Stripe double.
import Stripe from 'stripe';
import type { StripeEnv } from '../config/server-env.ts';
import type { ClubPlan, CreditPack } from '../../lib/billing/offers.ts';

let cached: { key: string; client: Stripe } | undefined;

export function stripeClient(env: StripeEnv): Stripe {
  if (cached?.key === env.secretKey) return cached.client;
  const client = new Stripe(env.secretKey, {
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

/** Which plan a Stripe price id is, if it is one of the Club's. */
export function planOfPrice(env: StripeEnv, priceId: string | undefined): ClubPlan | undefined {
  if (priceId === env.prices.clubMonthly) return 'monthly';
  if (priceId === env.prices.clubYearly) return 'yearly';
  return undefined;
}
