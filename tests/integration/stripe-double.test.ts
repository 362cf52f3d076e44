// The Stripe double, driven by the real `stripe` SDK pointed at it, with its webhooks received
// by a small HTTP endpoint that verifies them with the SDK exactly as the app does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from '../../src/server/billing/stripe-client.ts';
import { DEFAULT_PRICES, startStripeDouble, type StripeDouble } from '../support/stripe-double/index.ts';

const SECRET = 'whsec_test_double';
const KEY = 'sk_test_double';
const SUCCESS = 'http://masthead.test/club/welcome?session_id={CHECKOUT_SESSION_ID}';
const CANCEL = 'http://masthead.test/club';
const RETURN = 'http://masthead.test/account';

interface Received {
  event: Stripe.Event;
  status: number;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Answer the next n deliveries with 500. */
  failNext: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const state = { failNext: 0 };
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', SECRET);
      } catch {
        res.writeHead(400).end('bad signature');
        return;
      }
      const status = state.failNext > 0 ? 500 : 200;
      if (state.failNext > 0) state.failNext--;
      received.push({ event, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    get failNext() {
      return state.failNext;
    },
    set failNext(n: number) {
      state.failNext = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let receiver: Receiver;
let double: StripeDouble;
let stripe: Stripe;

/** The types of the events the app accepted (2xx), in order. */
const accepted = () => receiver.received.filter((r) => r.status < 300).map((r) => r.event.type);

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${double.url}${path}`, init);
}

async function pay(url: string, body?: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    ...(body ? { body: new URLSearchParams(body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
  });
}

async function subscribe(price: 'price_club_monthly' | 'price_club_yearly' = 'price_club_monthly') {
  const customer = await stripe.customers.create({ email: 'reader@example.com', metadata: { userId: 'user-1' } });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price, quantity: 1 }],
    success_url: SUCCESS,
    cancel_url: CANCEL,
    client_reference_id: 'user-1',
    metadata: { userId: 'user-1', kind: 'club' },
    subscription_data: { metadata: { userId: 'user-1' } },
  });
  const paid = await pay(session.url ?? '');
  expect(paid.status).toBe(303);
  const full = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
  const subscription = full.subscription as Stripe.Subscription;
  return { customer, session, subscription };
}

async function control(path: string): Promise<Response> {
  const response = await api(path, { method: 'POST' });
  await double.waitForDeliveries();
  return response;
}

async function start(clock?: () => Date) {
  double = await startStripeDouble({ webhookUrl: receiver.url, webhookSecret: SECRET, prices: DEFAULT_PRICES, ...(clock ? { clock } : {}) });
  stripe = new Stripe(KEY, { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
}

beforeEach(async () => {
  receiver = await startReceiver();
  await start();
});

afterEach(async () => {
  await double.stop();
  await receiver.close();
});

describe('the API', () => {
  it('requires a test-mode secret key, answering 401 in Stripe’s error shape', async () => {
    const none = await api('/v1/customers/cus_x');
    expect(none.status).toBe(401);
    const body = (await none.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/API key/);
    const live = await api('/v1/customers/cus_x', { headers: { Authorization: 'Bearer sk_live_nope' } });
    expect(live.status).toBe(401);
    const viaSdk = new Stripe('sk_live_nope', { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(viaSdk.customers.create({ email: 'a@example.com' })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('accepts the API version the app pins, and refuses one that names no version', async () => {
    const pinned = new Stripe(KEY, { apiVersion: STRIPE_API_VERSION, host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
    expect(await pinned.customers.create({ email: 'a@example.com' })).toMatchObject({ object: 'customer' });
    const odd = await api('/v1/customers', { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Stripe-Version': 'latest please' } });
    expect(odd.status).toBe(400);
  });

  it('creates and retrieves customers; an unknown id is a 404', async () => {
    const created = await stripe.customers.create({ email: 'reader@example.com', metadata: { userId: 'user-1' } });
    expect(created).toMatchObject({ object: 'customer', email: 'reader@example.com', metadata: { userId: 'user-1' }, livemode: false });
    expect(created.id).toMatch(/^cus_\w+$/);
    expect(Number.isInteger(created.created)).toBe(true);
    expect(created.created).toBeLessThan(Date.now() / 1000 + 5);
    const again = await stripe.customers.retrieve(created.id);
    expect(again).toMatchObject({ id: created.id, email: 'reader@example.com' });
    const missing = await stripe.customers.retrieve('cus_missing').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, message: "No such customer: 'cus_missing'" });
    const raw = await api('/v1/subscriptions/sub_missing', { headers: { Authorization: `Bearer ${KEY}` } });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('creates an open checkout session, and refuses an unknown price or the wrong kind of price', async () => {
    const customer = await stripe.customers.create({ email: 'reader@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: 'price_club_yearly', quantity: 1 }],
      success_url: SUCCESS,
      cancel_url: CANCEL,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1' },
    });
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      customer: customer.id,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1' },
      subscription: null,
      amount_total: 15000,
      currency: 'usd',
      success_url: SUCCESS,
      cancel_url: CANCEL,
      livemode: false,
    });
    expect(session.id).toMatch(/^cs_test_\w+$/);
    expect(session.url).toBe(`${double.url}/pay/${session.id}`);

    const unknown = stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_nope', quantity: 1 }], success_url: SUCCESS });
    await expect(unknown).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', message: "No such price: 'price_nope'" });
    const wrongKind = stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_club_monthly', quantity: 1 }], success_url: SUCCESS });
    await expect(wrongKind).rejects.toMatchObject({ statusCode: 400 });
  });

  it('reads form encoding with `expand[]=` as well as the SDK’s `expand[0]=`', async () => {
    const { session } = await subscribe();
    const headers = { Authorization: `Bearer ${KEY}` };
    const brackets = await api(`/v1/checkout/sessions/${session.id}?expand[]=subscription&expand[]=line_items`, { headers });
    const body = (await brackets.json()) as { subscription: { object: string }; line_items: { data: { price: { id: string } }[] } };
    expect(body.subscription.object).toBe('subscription');
    expect(body.line_items.data[0]?.price.id).toBe('price_club_monthly');
    const bad = await api(`/v1/checkout/sessions/${session.id}?expand[]=metadata`, { headers });
    expect(bad.status).toBe(400);
  });
});

describe('hosted Checkout for the Club', () => {
  it('shows what is bought under a test-mode banner, with Pay and Cancel', async () => {
    const customer = await stripe.customers.create({ email: 'reader@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: 'price_club_monthly', quantity: 1 }],
      success_url: SUCCESS,
      cancel_url: CANCEL,
    });
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Test mode: no real payment');
    expect(html).toContain('Executives Club (monthly)');
    expect(html).toContain('$15.00 per month');
    expect(html).toContain(`<form method="post" action="/pay/${session.id}">`);
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain(`<a href="${CANCEL}">Cancel</a>`);
    expect(html).toMatch(/<label for="card">Card number<\/label>/);
  });

  it('takes the payment: 303 to the success URL, subscription, and webhooks in Stripe’s order', async () => {
    const { customer, session, subscription } = await subscribe();
    expect(accepted()).toEqual(['customer.subscription.created', 'checkout.session.completed', 'invoice.paid']);

    const [created, completed, invoicePaid] = receiver.received.map((r) => r.event);
    expect(created?.id).toMatch(/^evt_\w+$/);
    expect(created).toMatchObject({ object: 'event', livemode: false, api_version: Stripe.API_VERSION });
    expect(created?.data.object).toMatchObject({ id: subscription.id, object: 'subscription', status: 'active', metadata: { userId: 'user-1' } });
    expect(completed?.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
      subscription: subscription.id,
      customer: customer.id,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1', kind: 'club' },
    });
    const invoice = invoicePaid?.data.object as Stripe.Invoice & { subscription: string };
    expect(invoice).toMatchObject({ object: 'invoice', status: 'paid', customer: customer.id, subscription: subscription.id });
    expect(invoice.id).toMatch(/^in_\w+$/);
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.period_end).toBe(subscription.items.data[0]?.current_period_end);

    const retrieved = await stripe.subscriptions.retrieve(subscription.id);
    const item = retrieved.items.data[0];
    expect(retrieved).toMatchObject({ object: 'subscription', customer: customer.id, status: 'active', cancel_at_period_end: false, canceled_at: null, ended_at: null });
    expect(retrieved.latest_invoice).toBe(invoice.id);
    expect(item).toMatchObject({ object: 'subscription_item', quantity: 1, price: { id: 'price_club_monthly', object: 'price', unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } } });
    expect(item?.id).toMatch(/^si_\w+$/);
    const top = retrieved as unknown as { current_period_start: number; current_period_end: number };
    expect(top.current_period_start).toBe(item?.current_period_start);
    expect(top.current_period_end).toBe(item?.current_period_end);
    expect((item?.current_period_end ?? 0) - (item?.current_period_start ?? 0)).toBeGreaterThanOrEqual(28 * 86400);

    const withItems = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(withItems).toMatchObject({ status: 'complete', payment_status: 'paid', subscription: subscription.id });
    expect(withItems.line_items?.data[0]?.price?.id).toBe('price_club_monthly');
  });

  it('redirects with the session id in place of {CHECKOUT_SESSION_ID}; paying twice changes nothing', async () => {
    const customer = await stripe.customers.create({ email: 'reader@example.com' });
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: 'price_club_monthly' }], success_url: SUCCESS, cancel_url: CANCEL });
    const first = await pay(session.url ?? '');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`http://masthead.test/club/welcome?session_id=${session.id}`);
    const again = await pay(session.url ?? '');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    await double.waitForDeliveries();
    expect(double.events).toHaveLength(3);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('declines the test card 4000 0000 0000 0002 and takes nothing', async () => {
    const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_credits_5', quantity: 1 }], success_url: SUCCESS });
    const declined = await pay(session.url ?? '', { email: 'reader@example.com', card: '4000 0000 0000 0002' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toMatch(/role="alert">Your card was declined/);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect(double.events).toHaveLength(0);
  });

  it('starts monthly periods on the clock, keeping to the month’s last day', async () => {
    await double.stop();
    await start(() => new Date('2028-01-31T10:00:00Z'));
    const { subscription } = await subscribe();
    const item = subscription.items.data[0];
    expect(new Date((item?.current_period_start ?? 0) * 1000).toISOString()).toBe('2028-01-31T10:00:00.000Z');
    expect(new Date((item?.current_period_end ?? 0) * 1000).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    const yearly = await subscribe('price_club_yearly');
    expect(new Date((yearly.subscription.items.data[0]?.current_period_end ?? 0) * 1000).toISOString()).toBe('2029-01-31T10:00:00.000Z');
  });
});

describe('hosted Checkout for a credit pack', () => {
  it('completes a one-time payment with checkout.session.completed only', async () => {
    const customer = await stripe.customers.create({ email: 'reader@example.com' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ price: 'price_credits_20', quantity: 1 }],
      success_url: SUCCESS,
      cancel_url: CANCEL,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1', pack: 'credits_20' },
    });
    expect(session.amount_total).toBe(2900);
    const html = await (await fetch(session.url ?? '')).text();
    expect(html).toContain('20 credits');
    expect(html).toContain('$29.00');
    const paid = await pay(session.url ?? '');
    expect(paid.status).toBe(303);
    expect(accepted()).toEqual(['checkout.session.completed']);
    expect(receiver.received[0]?.event.data.object).toMatchObject({
      id: session.id,
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      subscription: null,
      amount_total: 2900,
      metadata: { userId: 'user-1', pack: 'credits_20' },
      client_reference_id: 'user-1',
    });
  });
});

async function buyPackSession(price = 'price_credits_5') {
  const customer = await stripe.customers.create({ email: 'reader@example.com' });
  return stripe.checkout.sessions.create({ mode: 'payment', customer: customer.id, line_items: [{ price, quantity: 1 }], success_url: SUCCESS, cancel_url: CANCEL });
}

describe('a credit pack paid by a delayed method (bank debit)', () => {
  it('completes unpaid, then sends async_payment_succeeded with the session paid and a charge', async () => {
    const session = await buyPackSession();
    expect(await (await fetch(session.url ?? '')).text()).toContain('Use a bank debit instead');
    expect((await pay(session.url ?? '', { method: 'bank_debit' })).status).toBe(303);
    expect(accepted()).toEqual(['checkout.session.completed']);
    const pending = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent', 'line_items'] });
    expect(pending).toMatchObject({ status: 'complete', payment_status: 'unpaid', payment_intent: { status: 'processing', latest_charge: null } });
    expect(pending.line_items?.data).toMatchObject([{ price: { id: 'price_credits_5' }, quantity: 1 }]);

    expect((await control(`/__double/checkout/sessions/${session.id}/settle`)).status).toBe(200);
    expect(accepted()).toEqual(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);
    expect(receiver.received[1]?.event.data.object).toMatchObject({ id: session.id, payment_status: 'paid' });
    const intent = await stripe.paymentIntents.retrieve(String(pending.payment_intent && typeof pending.payment_intent === 'object' ? pending.payment_intent.id : ''));
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 900, latest_charge: expect.stringMatching(/^ch_/) });
    // Settling twice is refused: the payment is no longer processing.
    expect((await api(`/__double/checkout/sessions/${session.id}/settle`, { method: 'POST' })).status).toBe(400);
  });

  it('sends async_payment_failed and leaves the session unpaid when the debit fails', async () => {
    const session = await buyPackSession();
    await pay(session.url ?? '', { method: 'bank_debit' });
    await api(`/__double/checkout/sessions/${session.id}/settle`, { method: 'POST', body: new URLSearchParams({ outcome: 'failed' }) });
    await double.waitForDeliveries();
    expect(accepted()).toEqual(['checkout.session.completed', 'checkout.session.async_payment_failed']);
    const after = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(after).toMatchObject({ payment_status: 'unpaid', payment_intent: { status: 'requires_payment_method' } });
  });
});

describe('refunds and disputes', () => {
  async function paidCharge() {
    const session = await buyPackSession('price_credits_20');
    await pay(session.url ?? '');
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    return stripe.charges.retrieve(String(intent.latest_charge));
  }

  it('refunds part, then the rest: refund.created and charge.refunded each time; more than is left is a 400', async () => {
    const charge = await paidCharge();
    const first = await stripe.refunds.create({ payment_intent: String(charge.payment_intent), amount: 1000 });
    expect(first).toMatchObject({ object: 'refund', amount: 1000, charge: charge.id, status: 'succeeded' });
    await expect(stripe.refunds.create({ charge: charge.id, amount: 2000 })).rejects.toMatchObject({ statusCode: 400 });
    const rest = await stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(1900);
    await double.waitForDeliveries();
    expect(accepted().slice(1).toSorted()).toEqual(['charge.refunded', 'charge.refunded', 'refund.created', 'refund.created']);
    const refunded = receiver.received.filter((r) => r.event.type === 'charge.refunded').map((r) => r.event.data.object as Stripe.Charge);
    expect(refunded.map((c) => [c.amount_refunded, c.refunded])).toEqual([[1000, false], [2900, true]]);
    const listed = await stripe.refunds.list({ payment_intent: String(charge.payment_intent) });
    expect(listed.data.map((r) => r.amount).toSorted()).toEqual([1000, 1900]);
    await expect(stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('opens a dispute on a charge: charge.dispute.created and funds_withdrawn, listed by payment intent; no refund after it', async () => {
    const charge = await paidCharge();
    const opened = await control(`/__double/charges/${charge.id}/dispute`);
    expect(opened.status).toBe(200);
    expect(accepted().slice(1)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn']);
    const disputes = await stripe.disputes.list({ payment_intent: String(charge.payment_intent) });
    expect(disputes.data).toMatchObject([{ object: 'dispute', amount: 2900, charge: charge.id, status: 'needs_response' }]);
    await expect(stripe.refunds.create({ charge: charge.id })).rejects.toMatchObject({ statusCode: 400, code: 'charge_disputed' });
  });

  it('charges a paid Club invoice, listed by customer, so a Club payment can be refunded', async () => {
    const { customer } = await subscribe();
    const charges = await stripe.charges.list({ customer: customer.id });
    expect(charges.data).toMatchObject([{ object: 'charge', amount: 1500, customer: customer.id, refunded: false }]);
    expect(await stripe.refunds.create({ charge: charges.data[0]!.id })).toMatchObject({ amount: 1500 });
  });
});

describe('the Customer Portal and the end of a period', () => {
  it('cancels at period end from the portal, then ends the subscription', async () => {
    const { customer, subscription } = await subscribe();
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN });
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id, return_url: RETURN, url: `${double.url}/portal/${portal.id}` });
    expect(portal.id).toMatch(/^bps_\w+$/);

    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('Test mode: no real payment');
    expect(html).toContain('Executives Club (monthly)');
    expect(html).toContain('Renews on');
    expect(html).toMatch(/<button type="submit" class="secondary" aria-describedby="sub-0-name">Cancel plan<\/button>/);
    expect(html).toContain(`<a href="${RETURN}">Return to site</a>`);

    const cancel = await fetch(`${portal.url}/cancel`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ subscription: subscription.id }) });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get('location')).toBe(RETURN);
    const updated = receiver.received.at(-1)?.event;
    expect(updated?.type).toBe('customer.subscription.updated');
    expect(updated?.data.object).toMatchObject({ id: subscription.id, status: 'active', cancel_at_period_end: true });
    expect(updated?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
    expect(await (await fetch(portal.url)).text()).toContain('Renew plan');

    const ended = await control(`/__double/subscriptions/${subscription.id}/end-period`);
    expect(ended.status).toBe(200);
    const deleted = receiver.received.at(-1)?.event;
    expect(deleted?.type).toBe('customer.subscription.deleted');
    expect(deleted?.data.object).toMatchObject({ id: subscription.id, status: 'canceled' });
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.status).toBe('canceled');
    expect(after.ended_at).toEqual(expect.any(Number));
  });

  it('renews at period end: invoice.paid, then customer.subscription.updated with the next period', async () => {
    await double.stop();
    let now = new Date('2027-03-15T09:00:00Z');
    await start(() => now);
    const { subscription } = await subscribe();
    const before = receiver.received.length;
    now = new Date('2027-04-15T09:00:00Z');
    await control(`/__double/subscriptions/${subscription.id}/end-period`);
    const events = receiver.received.slice(before).map((r) => r.event);
    expect(events.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated']);
    const renewed = events[1]?.data.object as Stripe.Subscription;
    expect(renewed.status).toBe('active');
    const item = renewed.items.data[0];
    expect(new Date((item?.current_period_start ?? 0) * 1000).toISOString()).toBe('2027-04-15T09:00:00.000Z');
    expect(new Date((item?.current_period_end ?? 0) * 1000).toISOString()).toBe('2027-05-15T09:00:00.000Z');
    expect(events[1]?.data.previous_attributes).toMatchObject({ current_period_end: subscription.items.data[0]?.current_period_end });
    const invoice = events[0]?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'paid', period_end: item?.current_period_end });
    expect(renewed.latest_invoice).toBe(invoice.id);
  });

  it('fails a renewal: invoice.payment_failed (open), then customer.subscription.updated past_due', async () => {
    const { subscription } = await subscribe();
    const before = receiver.received.length;
    const response = await control(`/__double/subscriptions/${subscription.id}/fail-payment`);
    expect(response.status).toBe(200);
    const events = receiver.received.slice(before).map((r) => r.event);
    expect(events.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    expect(events[0]?.data.object).toMatchObject({ object: 'invoice', status: 'open', subscription: subscription.id });
    expect(events[1]?.data.object).toMatchObject({ id: subscription.id, status: 'past_due' });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    expect((await api('/__double/subscriptions/sub_missing/fail-payment', { method: 'POST' })).status).toBe(404);
  });
});

describe('subscriptions through the API', () => {
  it('updates cancel_at_period_end, cancels at once, and lists by customer', async () => {
    const { customer, subscription } = await subscribe();
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated).toMatchObject({ id: subscription.id, status: 'active', cancel_at_period_end: true });
    await double.waitForDeliveries();
    expect(receiver.received.at(-1)?.event.type).toBe('customer.subscription.updated');
    expect((await stripe.subscriptions.list({ customer: customer.id })).data.map((s) => s.id)).toEqual([subscription.id]);

    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: expect.any(Number) });
    await double.waitForDeliveries();
    expect(receiver.received.at(-1)?.event.type).toBe('customer.subscription.deleted');
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data).toHaveLength(1);
  });

  it('replays the answer to a repeated Idempotency-Key', async () => {
    const first = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    const second = await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'key-1' });
    expect(second.id).toBe(first.id);
  });
});

describe('webhook delivery', () => {
  it('resends an event with the same id', async () => {
    await subscribe();
    const first = double.events[0];
    if (!first) throw new Error('no event sent');
    const resent = await control(`/__double/events/${first.event.id}/resend`);
    expect(resent.status).toBe(200);
    const ids = receiver.received.map((r) => r.event.id);
    expect(ids.filter((id) => id === first.event.id)).toHaveLength(2);
    expect(first.deliveries.map((d) => d.status)).toEqual([200, 200]);
    const listed = (await (await api('/__double/events')).json()) as { data: { event: { id: string }; deliveries: { status: number }[] }[] };
    expect(listed.data.map((s) => s.event.id)).toEqual(double.events.map((s) => s.event.id));
    expect(listed.data[0]?.deliveries).toHaveLength(2);
  });

  it('retries after a 500, in order, and records each attempt', async () => {
    receiver.failNext = 2;
    const started = Date.now();
    await subscribe();
    await double.waitForDeliveries();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200 + 400);
    expect(double.events[0]?.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(double.events.slice(1).map((s) => s.deliveries.map((d) => d.status))).toEqual([[200], [200]]);
    expect(accepted()).toEqual(['customer.subscription.created', 'checkout.session.completed', 'invoice.paid']);
  });

  it('gives up after three retries when the app cannot be reached', async () => {
    await double.stop();
    await receiver.close();
    double = await startStripeDouble({ webhookUrl: receiver.url, webhookSecret: SECRET, prices: DEFAULT_PRICES });
    stripe = new Stripe(KEY, { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
    receiver = { ...receiver, close: async () => undefined };
    const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_credits_5', quantity: 1 }], success_url: SUCCESS });
    expect((await pay(session.url ?? '')).status).toBe(303);
    await double.waitForDeliveries();
    const deliveries = double.events[0]?.deliveries ?? [];
    expect(deliveries.map((d) => d.status)).toEqual(['error', 'error', 'error', 'error']);
    const gaps = deliveries.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(deliveries[i]?.at ?? ''));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual([200, 400, 800][i] ?? 0));
  });
});
