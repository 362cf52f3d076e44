// Everything billing needs for one request, or undefined when payments are not set up.
import { getDb } from '../db/database.ts';
import { now } from '../content/clock.ts';
import { serverEnv } from '../auth/request-context.ts';
import type { CheckoutContext } from './checkout.ts';
import { stripeClient } from './stripe-client.ts';

export async function billingContext(): Promise<CheckoutContext | undefined> {
  const env = serverEnv();
  if (!env.stripe) return undefined;
  return { db: await getDb(), stripe: stripeClient(env.stripe), env: env.stripe, siteUrl: env.siteUrl, now: now() };
}
