// Each reader is one Stripe customer, reused for every checkout; one Stripe no longer knows
// (deleted in the dashboard, or a demo double restarted) is replaced rather than failing.
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingCustomers } from '../../db/schema/index.ts';
import { ensureCustomer } from '../../src/server/billing/customers.ts';
import { DEFAULT_PRICES, startStripeDouble, type StripeDouble } from '../support/stripe-double/index.ts';
import { createReader } from '../support/reader-factory.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, testClock, type TestDatabase } from '../support/test-db.ts';

let t: TestDatabase;
let double: StripeDouble;
let stripe: Stripe;

beforeEach(async () => {
  t = await freshDatabase();
  double = await startStripeDouble({ webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: 'whsec_x', prices: DEFAULT_PRICES });
  stripe = new Stripe('sk_test_customers', { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
}, DATABASE_SETUP_TIMEOUT_MS);

afterEach(async () => {
  await double.stop();
  await t.close();
});

describe('ensureCustomer', () => {
  it('creates the customer once and reuses it', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now);
    const first = await ensureCustomer(t.db, stripe, reader, now);
    const second = await ensureCustomer(t.db, stripe, reader, now);
    expect(second).toBe(first);
    expect(await t.db.select().from(billingCustomers).where(eq(billingCustomers.userId, reader.id))).toHaveLength(1);
  });

  it('replaces a customer Stripe no longer has', async () => {
    const now = testClock().now();
    const reader = await createReader(t.db, now);
    await t.db.insert(billingCustomers).values({ userId: reader.id, stripeCustomerId: 'cus_gone', createdAt: now });
    const replaced = await ensureCustomer(t.db, stripe, reader, now);
    expect(replaced).not.toBe('cus_gone');
    expect((await stripe.customers.retrieve(replaced)).id).toBe(replaced);
    const [row] = await t.db.select().from(billingCustomers).where(eq(billingCustomers.userId, reader.id));
    expect(row?.stripeCustomerId).toBe(replaced);
  });
});
