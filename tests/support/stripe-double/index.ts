// Masthead's Stripe double: a local HTTP server that speaks the parts of Stripe's API the app
// calls, with hosted Checkout and Customer Portal pages and signed webhooks. For tests and for
// the clearly marked demo mode; never for real payments.
//
// Point the official SDK at it: new Stripe('sk_test_…', { host: double.host, port: double.port, protocol: 'http' }).
import type { PriceTable } from './types.ts';

export { startStripeDouble, type StripeDouble, type StripeDoubleOptions } from './server.ts';
export { RETRY_DELAYS_MS } from './webhooks.ts';
export type * from './types.ts';

/** Masthead's prices: the Club (monthly, yearly) and the credit packs (one-time). */
export const DEFAULT_PRICES = {
  price_club_monthly: { product: 'Executives Club (monthly)', unitAmount: 1500, currency: 'usd', interval: 'month' },
  price_club_yearly: { product: 'Executives Club (yearly)', unitAmount: 15000, currency: 'usd', interval: 'year' },
  price_credits_5: { product: '5 credits', unitAmount: 900, currency: 'usd' },
  price_credits_20: { product: '20 credits', unitAmount: 2900, currency: 'usd' },
} as const satisfies PriceTable;

/** The STRIPE_* settings that point Masthead's server at a running double. */
export function appEnvForDouble(double: { host: string; port: number }, secrets: { secretKey: string; webhookSecret: string }): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: secrets.secretKey,
    STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
    STRIPE_API_HOST: double.host,
    STRIPE_API_PORT: String(double.port),
    STRIPE_API_PROTOCOL: 'http',
    STRIPE_PRICE_CLUB_MONTHLY: 'price_club_monthly',
    STRIPE_PRICE_CLUB_YEARLY: 'price_club_yearly',
    STRIPE_PRICE_CREDITS_5: 'price_credits_5',
    STRIPE_PRICE_CREDITS_20: 'price_credits_20',
  };
}
