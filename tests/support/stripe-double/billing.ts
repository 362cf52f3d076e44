// What happens to money and memberships: paying a checkout session (by card, or by a delayed
// method that settles later), cancelling at period end, a period ending (renewal or the end), a
// failed renewal; each change sent as Stripe's events.
import { createEmit } from './emit.ts';
import { StripeError } from './http.ts';
import { createPayments, type Payments } from './payments.ts';
import { addInterval, newId, type CheckoutRecord, type Store, type SubscriptionRecord } from './store.ts';
import type { CustomerObject, InvoiceObject, Metadata, SubscriptionObject } from './types.ts';
import type { WebhookSender } from './webhooks.ts';

export interface Billing {
  store: Store;
  payments: Payments;
  createCustomer(fields: { email: string | null; name: string | null; metadata: Metadata }): CustomerObject;
  /**
   * Marks the session paid, or, with `delayed` (a one-time payment by bank debit), complete
   * but unpaid until `settle`; the promise settles when its webhooks have been delivered.
   */
  pay(checkout: CheckoutRecord, email: string | null, delayed?: boolean): Promise<void>;
  /** A delayed payment's outcome: checkout.session.async_payment_succeeded or _failed. */
  settle(checkout: CheckoutRecord, outcome: 'succeeded' | 'failed'): Promise<void>;
  setCancelAtPeriodEnd(record: SubscriptionRecord, cancel: boolean): Promise<void>;
  endPeriod(record: SubscriptionRecord): Promise<void>;
  failPayment(record: SubscriptionRecord): Promise<void>;
  cancelNow(record: SubscriptionRecord): Promise<void>;
  resend(eventId: string): Promise<boolean>;
}

function snapshot<T>(value: T): T {
  return structuredClone(value);
}

function changed(before: SubscriptionObject, after: SubscriptionObject): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof SubscriptionObject)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
  }
  return previous;
}

export function createBilling(store: Store, sender: WebhookSender): Billing {
  const emit = createEmit(store, sender);
  const payments = createPayments(store, emit);

  function createCustomer(fields: { email: string | null; name: string | null; metadata: Metadata }): CustomerObject {
    const customer: CustomerObject = { id: newId('cus', 14), object: 'customer', created: store.now(), livemode: false, ...fields };
    store.customers.set(customer.id, customer);
    return customer;
  }

  function invoiceFor(record: SubscriptionRecord, status: InvoiceObject['status'], reason: InvoiceObject['billing_reason']): InvoiceObject {
    const sub = record.object;
    const amount = (store.prices[record.priceId]?.unitAmount ?? 0) * (sub.items.data[0]?.quantity ?? 1);
    const invoice: InvoiceObject = {
      id: newId('in'),
      object: 'invoice',
      customer: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
      status,
      billing_reason: reason,
      subscription: sub.id,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } } },
      amount_due: amount,
      amount_paid: status === 'paid' ? amount : 0,
      amount_remaining: status === 'paid' ? 0 : amount,
      currency: sub.currency,
      created: store.now(),
      period_start: sub.current_period_start,
      period_end: sub.current_period_end,
      livemode: false,
    };
    store.invoices.set(invoice.id, invoice);
    // A paid invoice was paid by a card payment, which a refund or a dispute can reverse.
    if (status === 'paid') payments.start(invoice.customer, amount, invoice.currency);
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  function setPeriod(sub: SubscriptionObject, start: number, end: number): void {
    sub.current_period_start = start;
    sub.current_period_end = end;
    for (const item of sub.items.data) {
      item.current_period_start = start;
      item.current_period_end = end;
    }
  }

  function startSubscription(checkout: CheckoutRecord, customerId: string): SubscriptionRecord {
    const item = checkout.lineItems.data[0];
    if (!item?.price.recurring) throw new Error(`Checkout session ${checkout.session.id} has no recurring price.`);
    const now = store.now();
    const end = addInterval(now, item.price.recurring.interval, 1);
    const id = newId('sub');
    const sub: SubscriptionObject = {
      id,
      object: 'subscription',
      customer: customerId,
      status: 'active',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      metadata: { ...checkout.subscriptionMetadata },
      created: now,
      start_date: now,
      billing_cycle_anchor: now,
      current_period_start: now,
      current_period_end: end,
      latest_invoice: null,
      collection_method: 'charge_automatically',
      currency: item.currency,
      livemode: false,
      items: {
        object: 'list',
        data: [{ id: newId('si', 14), object: 'subscription_item', created: now, price: item.price, quantity: item.quantity, subscription: id, current_period_start: now, current_period_end: end }],
        has_more: false,
        total_count: 1,
        url: `/v1/subscription_items?subscription=${id}`,
      },
    };
    const record: SubscriptionRecord = { object: sub, priceId: item.price.id };
    store.subscriptions.set(id, record);
    return record;
  }

  async function update(record: SubscriptionRecord, change: (sub: SubscriptionObject) => void, before: () => Promise<void>[] = () => []): Promise<void> {
    const previous = snapshot(record.object);
    change(record.object);
    const sends = before();
    sends.push(emit('customer.subscription.updated', record.object, changed(previous, record.object)));
    await Promise.all(sends);
  }

  return {
    store,
    payments,
    createCustomer,
    async pay(checkout, email, delayed = false) {
      const session = checkout.session;
      if (session.status !== 'open') return;
      let customerId = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
      const customerEmail = (customerId ? store.customers.get(customerId)?.email : null) ?? session.customer_email ?? email;
      if (!customerId && session.mode === 'subscription') {
        customerId = createCustomer({ email: customerEmail, name: null, metadata: {} }).id;
        session.customer = customerId;
      }
      const later = delayed && session.mode === 'payment';
      session.status = 'complete';
      session.payment_status = later ? 'unpaid' : 'paid';
      session.customer_details = { email: customerEmail };
      session.url = null;
      if (session.mode === 'payment' || !customerId) {
        session.payment_intent = payments.start(customerId, session.amount_total, session.currency, later).id;
        await emit('checkout.session.completed', session);
        return;
      }
      const record = startSubscription(checkout, customerId);
      const invoice = invoiceFor(record, 'paid', 'subscription_create');
      session.subscription = record.object.id;
      session.invoice = invoice.id;
      await Promise.all([
        emit('customer.subscription.created', record.object),
        emit('checkout.session.completed', session),
        emit('invoice.paid', invoice),
      ]);
    },
    async settle(checkout, outcome) {
      const { session } = checkout;
      const intent = typeof session.payment_intent === 'string' ? store.paymentIntents.get(session.payment_intent) : undefined;
      if (session.status !== 'complete' || !intent || intent.status !== 'processing') {
        throw new StripeError(400, `Checkout session ${session.id} has no payment waiting to settle.`);
      }
      payments.settle(intent, outcome);
      if (outcome === 'succeeded') session.payment_status = 'paid';
      await emit(`checkout.session.async_payment_${outcome}`, session);
    },
    setCancelAtPeriodEnd(record, cancel) {
      const now = store.now();
      return update(record, (sub) => {
        sub.cancel_at_period_end = cancel;
        sub.cancel_at = cancel ? sub.current_period_end : null;
        sub.canceled_at = cancel ? now : null;
      });
    },
    async endPeriod(record) {
      const sub = record.object;
      if (sub.status === 'canceled') return;
      const now = store.now();
      if (sub.cancel_at_period_end) {
        setPeriod(sub, sub.current_period_start, now);
        sub.status = 'canceled';
        sub.ended_at = now;
        sub.canceled_at ??= now;
        sub.cancel_at = now;
        await emit('customer.subscription.deleted', sub);
        return;
      }
      const interval = sub.items.data[0]?.price.recurring?.interval ?? 'month';
      let invoice: InvoiceObject | undefined;
      await update(
        record,
        (s) => {
          setPeriod(s, now, addInterval(now, interval, 1));
          s.status = 'active';
          invoice = invoiceFor(record, 'paid', 'subscription_cycle');
        },
        () => (invoice ? [emit('invoice.paid', invoice)] : []),
      );
    },
    async failPayment(record) {
      if (record.object.status === 'canceled') return;
      let invoice: InvoiceObject | undefined;
      await update(
        record,
        (s) => {
          s.status = 'past_due';
          invoice = invoiceFor(record, 'open', 'subscription_cycle');
        },
        () => (invoice ? [emit('invoice.payment_failed', invoice)] : []),
      );
    },
    async cancelNow(record) {
      const sub = record.object;
      if (sub.status === 'canceled') return;
      const now = store.now();
      sub.status = 'canceled';
      sub.ended_at = now;
      sub.canceled_at = now;
      sub.cancel_at_period_end = false;
      await emit('customer.subscription.deleted', sub);
    },
    async resend(eventId) {
      const sent = sender.events.find((s) => s.event.id === eventId);
      if (!sent) return false;
      await sender.send(sent);
      return true;
    },
  };
}
