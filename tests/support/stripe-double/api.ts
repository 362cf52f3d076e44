// Stripe's REST API, the parts Masthead calls: customers, Checkout sessions, subscriptions,
// invoices and Customer Portal sessions under /v1, behind a test-mode secret key.
import type { Billing } from './billing.ts';
import { expand } from './expand.ts';
import { list, parseForm, text, type FormObject } from './form.ts';
import { metadataParam } from './metadata.ts';
import { json, missing, StripeError, type Request, type Router } from './http.ts';
import { newId, type CheckoutRecord, type SubscriptionRecord } from './store.ts';
import type { CheckoutMode, CheckoutSessionObject, LineItemObject, PortalSessionObject, SubscriptionObject } from './types.ts';

const KEY = /^sk_test_\S+$/;

/** Throws Stripe's 401 unless the request carries a test-mode secret key (Bearer or Basic). */
export function authorize(req: Request): void {
  const header = req.headers.authorization ?? '';
  let key = '';
  if (/^Bearer /i.test(header)) key = header.slice(7).trim();
  else if (/^Basic /i.test(header)) key = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key) {
    throw new StripeError(401, "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
  }
  if (!KEY.test(key)) throw new StripeError(401, `Invalid API Key provided: ${key.slice(0, 8)}***. The Stripe double accepts test-mode secret keys only (sk_test_…).`);
}

/**
 * Throws Stripe's 400 for a `Stripe-Version` header that names no API version. The double
 * answers in one shape whatever version is asked for (the SDK's own, Stripe.API_VERSION).
 */
export function checkApiVersion(req: Request): void {
  const version = req.headers['stripe-version'];
  if (version === undefined) return;
  if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version)) {
    throw new StripeError(400, `Invalid Stripe API version: ${String(version)}`, { code: 'api_version_invalid' });
  }
}

/** A request's parameters: the query string and the form-encoded body, as Stripe reads them. */
export function paramsOf(req: Request): FormObject {
  const query = req.query.toString();
  return parseForm(query && req.body ? `${query}&${req.body}` : query || req.body);
}

/**
 * API calls answer at once, as Stripe's do: the state has changed when they answer, and the
 * webhooks follow (never awaited here, so an app holding a lock while it calls cannot deadlock).
 */
function background(work: Promise<unknown>): void {
  work.catch(() => undefined);
}

function optional(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export function registerApi(router: Router, billing: Billing, publicUrl: string): void {
  const { store } = billing;

  const checkout = (id: string): CheckoutRecord => {
    const record = store.sessions.get(id);
    if (!record) throw missing('checkout.session', id);
    return record;
  };
  const subscription = (id: string): SubscriptionRecord => {
    const record = store.subscriptions.get(id);
    if (!record) throw missing('subscription', id);
    return record;
  };
  const expanded = <T extends object>(object: T, params: FormObject, prefix = ''): T =>
    expand(store, object, list(params, 'expand').map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p)));

  // Customers
  router.add('POST', '/v1/customers', (req) => {
    const p = paramsOf(req);
    const customer = billing.createCustomer({ email: optional(text(p, 'email')), name: optional(text(p, 'name')), metadata: metadataParam(p, 'metadata') });
    return json(expanded(customer, p));
  });
  router.add('GET', '/v1/customers/:id', (req) => {
    const customer = store.customers.get(req.params['id'] ?? '');
    if (!customer) throw missing('customer', req.params['id'] ?? '');
    return json(expanded(customer, paramsOf(req)));
  });
  router.add('POST', '/v1/customers/:id', (req) => {
    const customer = store.customers.get(req.params['id'] ?? '');
    if (!customer) throw missing('customer', req.params['id'] ?? '');
    const p = paramsOf(req);
    const metadata = metadataParam(p, 'metadata');
    const email = text(p, 'email');
    const name = text(p, 'name');
    if (email !== undefined) customer.email = optional(email);
    if (name !== undefined) customer.name = optional(name);
    Object.assign(customer.metadata, metadata);
    for (const [k, v] of Object.entries(customer.metadata)) if (v === '') delete customer.metadata[k];
    return json(expanded(customer, p));
  });

  // Checkout sessions
  router.add('POST', '/v1/checkout/sessions', (req) => {
    const p = paramsOf(req);
    const mode = text(p, 'mode');
    if (mode !== 'subscription' && mode !== 'payment') {
      throw new StripeError(400, mode ? `Invalid mode: must be one of payment, setup, or subscription (the double supports payment and subscription).` : 'Missing required param: mode.', { param: 'mode' });
    }
    const items = p['line_items'];
    if (!Array.isArray(items) || items.length === 0) throw new StripeError(400, 'Missing required param: line_items.', { param: 'line_items' });
    if (items.length > 1) throw new StripeError(400, 'The Stripe double supports exactly one line item per checkout session.', { param: 'line_items' });
    const priceId = text(p, 'line_items', 0, 'price') ?? '';
    const price = store.price(priceId);
    if (!price) throw missing('price', priceId, 'line_items[0][price]');
    if (mode === 'subscription' && !price.recurring) {
      throw new StripeError(400, 'You must provide at least one recurring price in `subscription` mode when using prices.', { param: 'line_items[0][price]' });
    }
    if (mode === 'payment' && price.recurring) {
      throw new StripeError(400, 'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.', { param: 'line_items[0][price]' });
    }
    const quantityText = text(p, 'line_items', 0, 'quantity') ?? '1';
    const quantity = Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 1) throw new StripeError(400, `Invalid integer: ${quantityText}`, { param: 'line_items[0][quantity]' });
    const successUrl = text(p, 'success_url');
    if (!successUrl) throw new StripeError(400, 'Missing required param: success_url.', { param: 'success_url' });
    const customer = optional(text(p, 'customer'));
    const customerEmail = optional(text(p, 'customer_email'));
    if (customer && customerEmail) throw new StripeError(400, 'You may only specify one of these parameters: customer, customer_email.', { param: 'customer_email' });
    if (customer && !store.customers.has(customer)) throw missing('customer', customer, 'customer');
    // Checked before anything is created: a request Stripe refuses leaves no session behind.
    const metadata = metadataParam(p, 'metadata');
    const subscriptionMetadata = metadataParam(p, 'subscription_data', 'metadata');
    const now = store.now();
    const amount = price.unit_amount * quantity;
    const id = newId('cs_test', 58);
    const session: CheckoutSessionObject = {
      id,
      object: 'checkout.session',
      url: `${publicUrl}/pay/${id}`,
      mode: mode satisfies CheckoutMode,
      status: 'open',
      payment_status: 'unpaid',
      customer,
      customer_email: customerEmail,
      customer_details: null,
      client_reference_id: optional(text(p, 'client_reference_id')),
      metadata,
      subscription: null,
      invoice: null,
      payment_intent: null,
      amount_subtotal: amount,
      amount_total: amount,
      currency: price.currency,
      success_url: successUrl,
      cancel_url: optional(text(p, 'cancel_url')),
      created: now,
      expires_at: now + 24 * 60 * 60,
      livemode: false,
    };
    const item: LineItemObject = {
      id: newId('li'),
      object: 'item',
      amount_subtotal: amount,
      amount_total: amount,
      currency: price.currency,
      description: price.nickname,
      price,
      quantity,
    };
    store.sessions.set(id, {
      session,
      lineItems: { object: 'list', data: [item], has_more: false, url: `/v1/checkout/sessions/${id}/line_items` },
      subscriptionMetadata,
    });
    return json(expanded(session, p));
  });
  router.add('GET', '/v1/checkout/sessions/:id', (req) => json(expanded(checkout(req.params['id'] ?? '').session, paramsOf(req))));
  router.add('GET', '/v1/checkout/sessions/:id/line_items', (req) => json(checkout(req.params['id'] ?? '').lineItems));

  // Subscriptions
  router.add('GET', '/v1/subscriptions', (req) => {
    const p = paramsOf(req);
    const customer = text(p, 'customer');
    const status = text(p, 'status');
    const data = [...store.subscriptions.values()]
      .map((r) => r.object)
      .filter((s) => !customer || s.customer === customer)
      .filter((s) => (status === 'all' ? true : status ? s.status === status : s.status !== 'canceled'))
      .sort((a, b) => b.created - a.created)
      .map((s) => expanded(s, p, 'data.'));
    return json({ object: 'list', data, has_more: false, url: '/v1/subscriptions' });
  });
  router.add('GET', '/v1/subscriptions/:id', (req) => json(expanded(subscription(req.params['id'] ?? '').object, paramsOf(req))));
  router.add('POST', '/v1/subscriptions/:id', (req) => {
    const record = subscription(req.params['id'] ?? '');
    const p = paramsOf(req);
    const metadata = metadataParam(p, 'metadata');
    const cancel = text(p, 'cancel_at_period_end');
    if (cancel !== undefined) {
      if (record.object.status === 'canceled') throw new StripeError(400, 'A canceled subscription can only update its cancellation_details and metadata.');
      if (cancel !== 'true' && cancel !== 'false') throw new StripeError(400, `Invalid boolean: ${cancel}`, { param: 'cancel_at_period_end' });
      if ((cancel === 'true') !== record.object.cancel_at_period_end) background(billing.setCancelAtPeriodEnd(record, cancel === 'true'));
    }
    Object.assign(record.object.metadata, metadata);
    // As Stripe: posting an empty value unsets that key.
    for (const [k, v] of Object.entries(record.object.metadata)) if (v === '') delete record.object.metadata[k];
    return json(expanded(record.object, p));
  });
  router.add('DELETE', '/v1/subscriptions/:id', (req) => {
    const record = subscription(req.params['id'] ?? '');
    // As Stripe: an ended subscription cannot be cancelled again; it answers as for an unknown id.
    if (record.object.status === 'canceled') throw missing('subscription', record.object.id);
    background(billing.cancelNow(record));
    return json(expanded<SubscriptionObject>(record.object, paramsOf(req)));
  });

  // Invoices
  router.add('GET', '/v1/invoices/:id', (req) => {
    const invoice = store.invoices.get(req.params['id'] ?? '');
    if (!invoice) throw missing('invoice', req.params['id'] ?? '');
    return json(expanded(invoice, paramsOf(req)));
  });

  // Customer Portal
  router.add('POST', '/v1/billing_portal/sessions', (req) => {
    const p = paramsOf(req);
    const customer = text(p, 'customer');
    if (!customer) throw new StripeError(400, 'Missing required param: customer.', { param: 'customer' });
    if (!store.customers.has(customer)) throw missing('customer', customer, 'customer');
    const id = newId('bps');
    const session: PortalSessionObject = {
      id,
      object: 'billing_portal.session',
      url: `${publicUrl}/portal/${id}`,
      customer,
      return_url: optional(text(p, 'return_url')),
      created: store.now(),
      livemode: false,
    };
    store.portalSessions.set(id, session);
    return json(session);
  });
}
