// A database, a test clock and the Stripe double for tests that hand Stripe's own webhook
// events to receiveStripeEvent: the double delivers to a small collector (a 200 is all it
// needs) and the tests read what it sent. Call stripeHarness() at the top of a test file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterEach, beforeEach, expect } from 'vitest';
import { creditLedger, creditPurchases, stripeEvents, subscriptions } from '../../db/schema/index.ts';
import type { StripeEnv } from '../../src/server/config/server-env.ts';
import type { CheckoutContext } from '../../src/server/billing/checkout.ts';
import { receiveStripeEvent, type EventOutcome } from '../../src/server/billing/webhook.ts';
import { DEFAULT_PRICES, startStripeDouble, type PriceTable, type StripeDouble } from './stripe-double/index.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, testClock, type TestClock, type TestDatabase } from './test-db.ts';

export interface StripeHarness {
  readonly t: TestDatabase;
  readonly clock: TestClock;
  readonly double: StripeDouble;
  readonly stripe: Stripe;
  readonly env: StripeEnv;
  ctx(overrides?: Partial<CheckoutContext>): CheckoutContext;
  /** The events the double sent since `from` (an index into double.events), as JSON over the wire. */
  sentSince(from: number): Stripe.Event[];
  /** Runs `act` and returns the events it caused, once delivered. */
  eventsOf(act: () => Promise<unknown>): Promise<Stripe.Event[]>;
  deliverAll(events: Stripe.Event[]): Promise<EventOutcome[]>;
  ledgerOf(userId: string): Promise<(typeof creditLedger.$inferSelect)[]>;
  purchasesOf(userId: string): Promise<(typeof creditPurchases.$inferSelect)[]>;
  membershipOf(userId: string): Promise<(typeof subscriptions.$inferSelect)[]>;
  storedEvent(id: string): Promise<(typeof stripeEvents.$inferSelect) | undefined>;
}

export function ofType(events: Stripe.Event[], type: string): Stripe.Event {
  const found = events.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return found;
}

const KEY = 'sk_test_harness';
const SECRET = 'whsec_test_harness';

/** `prices`: the double's prices (default Masthead's own; add others to buy what Masthead does not sell). */
export function stripeHarness(start: Date, prices: PriceTable = DEFAULT_PRICES): StripeHarness {
  let t: TestDatabase;
  let clock: TestClock;
  let collector: Server;
  let double: StripeDouble;
  let stripe: Stripe;
  let env: StripeEnv;

  beforeEach(async () => {
    t = await freshDatabase();
    clock = testClock(start);
    collector = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/api/stripe/webhook`;
    double = await startStripeDouble({ webhookUrl, webhookSecret: SECRET, prices, clock: () => clock.now() });
    stripe = new Stripe(KEY, { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
    env = {
      secretKey: KEY,
      webhookSecret: SECRET,
      prices: { clubMonthly: 'price_club_monthly', clubYearly: 'price_club_yearly', credits5: 'price_credits_5', credits20: 'price_credits_20' },
      api: { host: double.host, port: double.port, protocol: 'http' },
    };
  }, DATABASE_SETUP_TIMEOUT_MS);

  afterEach(async () => {
    await double.stop();
    await new Promise<void>((resolve) => {
      collector.close(() => resolve());
      collector.closeAllConnections();
    });
    await t.close();
  });

  const sentSince = (from: number) => double.events.slice(from).map((s) => JSON.parse(JSON.stringify(s.event)) as Stripe.Event);
  return {
    get t() { return t; },
    get clock() { return clock; },
    get double() { return double; },
    get stripe() { return stripe; },
    get env() { return env; },
    ctx: (overrides = {}) => ({ db: t.db, stripe, env, siteUrl: 'https://news.example.test', now: clock.now(), ...overrides }),
    sentSince,
    async eventsOf(act) {
      const from = double.events.length;
      await act();
      await double.waitForDeliveries();
      return sentSince(from);
    },
    async deliverAll(events) {
      const outcomes: EventOutcome[] = [];
      for (const event of events) outcomes.push(await receiveStripeEvent({ db: t.db, stripe, env, siteUrl: 'https://news.example.test', now: clock.now() }, event));
      return outcomes;
    },
    ledgerOf: (userId) => t.db.select().from(creditLedger).where(eq(creditLedger.userId, userId)).orderBy(asc(creditLedger.id)),
    purchasesOf: (userId) => t.db.select().from(creditPurchases).where(eq(creditPurchases.userId, userId)),
    membershipOf: (userId) => t.db.select().from(subscriptions).where(eq(subscriptions.userId, userId)),
    storedEvent: async (id) => (await t.db.select().from(stripeEvents).where(eq(stripeEvents.id, id)))[0],
  };
}

/** Pays a hosted Checkout page as the reader would (by card, or by bank debit that settles later). */
export async function payAt(h: StripeHarness, url: string, method: 'card' | 'bank_debit' = 'card'): Promise<{ sessionId: string; events: Stripe.Event[] }> {
  const events = await h.eventsOf(async () => {
    const body = method === 'bank_debit' ? new URLSearchParams({ method }) : undefined;
    const paid = await fetch(url, { method: 'POST', redirect: 'manual', ...(body ? { body } : {}) });
    expect(paid.status).toBe(303);
  });
  return { sessionId: new URL(url).pathname.split('/').at(-1) ?? '', events };
}

/** A test control of the double (end a period, settle a debit, open a dispute); returns the events it caused. */
export async function control(h: StripeHarness, path: string, form?: Record<string, string>): Promise<Stripe.Event[]> {
  return h.eventsOf(async () => {
    const response = await fetch(`${h.double.url}${path}`, { method: 'POST', ...(form ? { body: new URLSearchParams(form) } : {}) });
    expect(response.status, await response.text()).toBe(200);
  });
}
