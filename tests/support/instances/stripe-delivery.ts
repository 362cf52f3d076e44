// Paying through the Stripe double and handing the resulting event to instances ourselves,
// signed exactly as Stripe signs (the SDK's own test-header helper and the endpoint secret).
import Stripe from 'stripe';
import type { StripeDouble, StripeEvent } from '../stripe-double/index.ts';
import { postForm } from '../http-forms.ts';

/** Starts a Checkout from the app's own form on `baseUrl`, pays it on the double, returns the events that caused. */
export async function checkoutAndPay(double: StripeDouble, baseUrl: string, cookie: string, page: '/credits/' | '/club/', form: Record<string, string>): Promise<StripeEvent[]> {
  const action = page === '/club/' ? 'joinClub' : 'buyCredits';
  const started = await postForm(baseUrl, `${page}?_action=${action}`, { ...form, next: '/' }, { cookie });
  const checkoutUrl = started.headers.get('location');
  if (started.status !== 303 || !checkoutUrl?.startsWith(double.url)) throw new Error(`${action} answered ${started.status} (location ${checkoutUrl}) instead of sending the reader to Checkout`);
  const from = double.events.length;
  const paid = await fetch(checkoutUrl, { method: 'POST', redirect: 'manual' });
  if (paid.status !== 303) throw new Error(`paying the Checkout answered ${paid.status}`);
  await double.waitForDeliveries();
  return double.events.slice(from).map((sent) => sent.event);
}

export function eventOfType(events: StripeEvent[], type: string): StripeEvent {
  const found = events.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return found;
}

export interface WebhookAnswer {
  status: number;
  outcome: string | undefined;
}

/** POSTs one signed delivery of `event` to the webhook endpoint of `baseUrl`. */
export async function deliverEvent(baseUrl: string, event: StripeEvent, secret: string): Promise<WebhookAnswer> {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(new URL('/api/stripe/webhook', baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature },
    body: payload,
  });
  const body = (await response.json().catch(() => ({}))) as { outcome?: string };
  return { status: response.status, outcome: body.outcome };
}
