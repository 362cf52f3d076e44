// What a payment grants: a credit pack's credits come from the configured pack of the price
// bought (never from the session's metadata), a price Masthead does not sell grants nothing,
// only the Club's prices make a membership, and a pack paid by a delayed method (a bank debit)
// is granted once when it settles, in whatever order its events arrive, or not at all.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { users, type User } from '../../db/schema/index.ts';
import { resolveEntitlement } from '../../src/lib/paywall/entitlement.ts';
import { DEFAULT_GRACE_DAYS } from '../../src/lib/paywall/membership.ts';
import { confirmCheckout, startCreditCheckout } from '../../src/server/billing/checkout.ts';
import { ensureCustomer } from '../../src/server/billing/customers.ts';
import { ledgerSum } from '../../src/server/credits/ledger.ts';
import { readerFacts } from '../../src/server/paywall/reader-access.ts';
import { balanceOf, createReader } from '../support/reader-factory.ts';
import { DEFAULT_PRICES } from '../support/stripe-double/index.ts';
import { control, ofType, payAt, stripeHarness } from '../support/stripe-harness.ts';

const STORY = 'leapmotor-record-deliveries-tesla-challengers';
/** Masthead's prices, and two more products on the same Stripe account that Masthead does not sell. */
const PRICES = {
  ...DEFAULT_PRICES,
  price_mug: { product: 'Masthead mug', unitAmount: 900, currency: 'usd' },
  price_newsletter_pro: { product: 'Another newsletter', unitAmount: 500, currency: 'usd', interval: 'month' },
} as const;
const h = stripeHarness(new Date('2026-03-02T09:00:00.000Z'), PRICES);

/** A Checkout made outside Masthead's own code (a payment link, the dashboard, a script with the key). */
async function foreignCheckout(reader: User, mode: 'payment' | 'subscription', price: string, metadata: Record<string, string>, quantity = 1) {
  const customer = await ensureCustomer(h.t.db, h.stripe, reader, h.clock.now());
  const session = await h.stripe.checkout.sessions.create({
    mode,
    customer,
    client_reference_id: reader.id,
    line_items: [{ price, quantity }],
    metadata: { user_id: reader.id, ...metadata },
    ...(mode === 'subscription' ? { subscription_data: { metadata: { user_id: reader.id } } } : {}),
    success_url: 'https://news.example.test/credits/thanks/?session_id={CHECKOUT_SESSION_ID}',
  });
  return payAt(h, session.url ?? '');
}

async function stateOf(reader: User) {
  const [user] = await h.t.db.select().from(users).where(eq(users.id, reader.id));
  return resolveEntitlement(await readerFacts(h.t.db, user!, STORY, h.clock.now(), DEFAULT_GRACE_DAYS));
}

describe('the credits a pack grants', () => {
  it('come from the price bought: metadata saying "1e3" on a 5-credit pack grants 5', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await foreignCheckout(reader, 'payment', 'price_credits_5', { kind: 'credits', credits: '1e3' });
    expect(await h.deliverAll(events)).toEqual(['processed']);
    expect(await balanceOf(h.t.db, reader.id)).toBe(8);
    const paid = await h.stripe.checkout.sessions.retrieve(sessionId);
    expect(await h.purchasesOf(reader.id)).toMatchObject([{ checkoutSessionId: sessionId, paymentIntentId: paid.payment_intent, priceId: 'price_credits_5', credits: 5, creditsReversed: 0 }]);
    expect((await h.ledgerOf(reader.id)).filter((r) => r.reason === 'purchase')).toMatchObject([{ amount: 5, paymentRef: sessionId }]);
  });

  it('are the pack times the quantity bought', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const { events } = await foreignCheckout(reader, 'payment', 'price_credits_20', { credits: '1' }, 2);
    expect(await h.deliverAll(events)).toEqual(['processed']);
    expect(await balanceOf(h.t.db, reader.id)).toBe(40);
  });

  it('are none for a price that is not a credit pack; the stored event says why', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await foreignCheckout(reader, 'payment', 'price_mug', { kind: 'credits', credits: '5' });
    expect(await h.deliverAll(events)).toEqual(['skipped']);
    expect(await h.storedEvent(events[0]!.id)).toMatchObject({ outcome: 'skipped', note: expect.stringContaining('price_mug is not a configured credit pack') });
    expect(await balanceOf(h.t.db, reader.id)).toBe(3);
    expect(await h.purchasesOf(reader.id)).toEqual([]);
    // The success page grants nothing either.
    expect((await confirmCheckout(h.ctx(), reader, sessionId)).result).toMatchObject({ kind: 'refused' });
    expect(await balanceOf(h.t.db, reader.id)).toBe(3);
  });
});

describe('a subscription', () => {
  it('on a price that is not the Club’s makes no membership and gives no access', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const { events } = await foreignCheckout(reader, 'subscription', 'price_newsletter_pro', { kind: 'club' });
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.created', 'checkout.session.completed', 'invoice.paid']);
    expect(await h.deliverAll(events)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(await h.storedEvent(ofType(events, 'customer.subscription.created').id)).toMatchObject({ note: expect.stringMatching(/not on a Club price/) });
    expect(await h.membershipOf(reader.id)).toEqual([]);
    expect(await stateOf(reader)).toBe('no-credits');
  });
});

describe('a credit pack paid by bank debit', () => {
  const buyByDebit = async (reader: User) => payAt(h, await startCreditCheckout(h.ctx(), reader, 'credits-5', '/'), 'bank_debit');

  it('grants nothing while the debit settles, then its credits once when it succeeds', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await buyByDebit(reader);
    expect(await h.deliverAll(events)).toEqual(['processed']);
    expect(await balanceOf(h.t.db, reader.id)).toBe(3);
    expect((await confirmCheckout(h.ctx(), reader, sessionId)).result).toEqual({ kind: 'credits', status: 'processing', credits: 5 });

    const settled = await control(h, `/__double/checkout/sessions/${sessionId}/settle`);
    expect(settled.map((e) => e.type)).toEqual(['checkout.session.async_payment_succeeded']);
    expect(await h.deliverAll(settled)).toEqual(['processed']);
    expect(await h.deliverAll([...events, ...settled])).toEqual(['duplicate', 'duplicate']);
    expect((await confirmCheckout(h.ctx(), reader, sessionId)).result).toEqual({ kind: 'credits', status: 'granted', credits: 5 });
    expect(await balanceOf(h.t.db, reader.id)).toBe(8);
    expect((await h.ledgerOf(reader.id)).filter((r) => r.reason === 'purchase')).toMatchObject([{ amount: 5, paymentRef: sessionId }]);
  });

  it('is granted once whichever of completed and async_payment_succeeded arrives first', async () => {
    const lifeOf = async (reader: User) => {
      const { sessionId, events } = await buyByDebit(reader);
      return [...events, ...(await control(h, `/__double/checkout/sessions/${sessionId}/settle`))];
    };
    const inOrder = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const reversed = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const a = await lifeOf(inOrder);
    const b = await lifeOf(reversed);
    expect(await h.deliverAll(a)).toEqual(['processed', 'processed']);
    expect(await h.deliverAll([...b].reverse())).toEqual(['processed', 'processed']);
    for (const reader of [inOrder, reversed]) {
      expect(await balanceOf(h.t.db, reader.id)).toBe(5);
      expect(await ledgerSum(h.t.db, reader.id)).toBe(5);
      expect(await h.purchasesOf(reader.id)).toMatchObject([{ credits: 5 }]);
    }
  });

  it('grants nothing when the debit fails, and the success page says it failed', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await buyByDebit(reader);
    const failed = await control(h, `/__double/checkout/sessions/${sessionId}/settle`, { outcome: 'failed' });
    expect(failed.map((e: Stripe.Event) => e.type)).toEqual(['checkout.session.async_payment_failed']);
    expect(await h.deliverAll([...events, ...failed])).toEqual(['processed', 'processed']);
    expect(await balanceOf(h.t.db, reader.id)).toBe(3);
    expect(await h.purchasesOf(reader.id)).toEqual([]);
    expect((await confirmCheckout(h.ctx(), reader, sessionId)).result).toEqual({ kind: 'credits', status: 'failed', credits: 5 });
  });
});
