// The double's state: customers, checkout sessions, subscriptions, invoices, portal sessions
// and payments (intents, charges, refunds, disputes) in memory, Stripe-like ids, the clock and
// the calendar arithmetic of billing periods.
import { randomBytes } from 'node:crypto';
import type {
  ChargeObject,
  CheckoutSessionObject,
  CustomerObject,
  DisputeObject,
  Interval,
  InvoiceObject,
  LineItemObject,
  ListObject,
  Metadata,
  PaymentIntentObject,
  PortalSessionObject,
  PriceObject,
  PriceTable,
  RefundObject,
  SubscriptionObject,
} from './types.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `cus_…`, `cs_test_…`: a prefix and 24 random letters and digits, as Stripe's ids look. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let body = '';
  for (const b of bytes) body += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${body}`;
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** `from` plus `count` months or years, in UTC, kept on the anchor's day or the month's last day. */
export function addInterval(anchor: number, interval: Interval, count: number): number {
  const start = new Date(anchor * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const target = new Date(start.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(start.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return unixSeconds(target);
}

export interface SubscriptionRecord {
  object: SubscriptionObject;
  priceId: string;
}

/** A checkout session and what Stripe keeps beside it: its line items and subscription_data. */
export interface CheckoutRecord {
  session: CheckoutSessionObject;
  lineItems: ListObject<LineItemObject>;
  subscriptionMetadata: Metadata;
}

export interface Store {
  prices: PriceTable;
  now(): number;
  price(id: string): PriceObject | undefined;
  customers: Map<string, CustomerObject>;
  sessions: Map<string, CheckoutRecord>;
  subscriptions: Map<string, SubscriptionRecord>;
  invoices: Map<string, InvoiceObject>;
  portalSessions: Map<string, PortalSessionObject>;
  paymentIntents: Map<string, PaymentIntentObject>;
  charges: Map<string, ChargeObject>;
  refunds: Map<string, RefundObject>;
  disputes: Map<string, DisputeObject>;
  /** Answers already given to a POST with an `Idempotency-Key`, replayed as Stripe does. */
  idempotent: Map<string, { status: number; body: unknown }>;
}

export function createStore(prices: PriceTable, clock: () => Date): Store {
  return {
    prices,
    now: () => unixSeconds(clock()),
    price(id) {
      const spec = prices[id];
      if (!spec) return undefined;
      return {
        id,
        object: 'price',
        active: true,
        currency: spec.currency,
        livemode: false,
        product: `prod_${id.replace(/^price_/, '').replace(/[^A-Za-z0-9]/g, '')}`,
        nickname: spec.product,
        type: spec.interval ? 'recurring' : 'one_time',
        unit_amount: spec.unitAmount,
        recurring: spec.interval ? { interval: spec.interval, interval_count: 1 } : null,
      };
    },
    customers: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    portalSessions: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    idempotent: new Map(),
  };
}
