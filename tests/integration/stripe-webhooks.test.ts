// Stripe webhooks as the app handles them: real events, made by the Stripe double when a
// reader pays, cancels or fails a renewal, handed to receiveStripeEvent; the assertions are on
// the rows they leave (subscriptions, credit_ledger, users.credit_balance, stripe_events).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { creditLedger, stripeEvents, subscriptions, users, type User } from '../../db/schema/index.ts';
import { resolveEntitlement } from '../../src/lib/paywall/entitlement.ts';
import { DEFAULT_GRACE_DAYS } from '../../src/lib/paywall/membership.ts';
import type { ClubPlan, CreditPack } from '../../src/lib/billing/offers.ts';
import { confirmCheckout, startClubCheckout, startCreditCheckout } from '../../src/server/billing/checkout.ts';
import { receiveStripeEvent } from '../../src/server/billing/webhook.ts';
import { readerFacts } from '../../src/server/paywall/reader-access.ts';
import { balanceOf, createReader } from '../support/reader-factory.ts';
import { control, ofType, payAt, stripeHarness } from '../support/stripe-harness.ts';
import { DAY } from '../support/test-db.ts';

const KEY = 'sk_test_webhooks';
const STORY = 'leapmotor-record-deliveries-tesla-challengers';
const START = new Date('2026-03-02T09:00:00.000Z');

// The database, clock and Stripe double of each test (tests/support/stripe-harness.ts).
const h = stripeHarness(START);
const ctx = h.ctx;

const joinClub = async (reader: User, plan: ClubPlan = 'monthly') => payAt(h, await startClubCheckout(ctx(), reader, plan, `/business/${STORY}/`));
const buyPack = async (reader: User, pack: CreditPack = 'credits-5') => payAt(h, await startCreditCheckout(ctx(), reader, pack, '/'));

async function deliverAll(events: Stripe.Event[], context = ctx()) {
  const outcomes = [];
  for (const event of events) outcomes.push(await receiveStripeEvent(context, event));
  return outcomes;
}

const membershipOf = (userId: string) => h.membershipOf(userId);
const ledgerOf = (userId: string) => h.ledgerOf(userId);
const storedEvent = (id: string) => h.storedEvent(id);

/** What the paywall decides for this reader and a story at a moment. */
async function stateAt(reader: User, at: Date) {
  const [user] = await h.t.db.select().from(users).where(eq(users.id, reader.id));
  return resolveEntitlement(await readerFacts(h.t.db, user!, STORY, at, DEFAULT_GRACE_DAYS));
}

describe('checkout.session.completed', () => {
  it('for a credit pack grants its credits once, in a ledger row tied to the Checkout Session', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await buyPack(reader);
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed']);

    expect(await receiveStripeEvent(ctx(), events[0]!)).toBe('processed');
    expect(await balanceOf(h.t.db, reader.id)).toBe(8);
    const purchases = (await ledgerOf(reader.id)).filter((r) => r.reason === 'purchase');
    expect(purchases).toMatchObject([{ amount: 5, paymentRef: sessionId }]);
    expect(await storedEvent(events[0]!.id)).toMatchObject({ type: 'checkout.session.completed', outcome: 'processed', processedAt: h.clock.now() });
  });

  it('for the Club makes an active membership with its plan and period end', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const { events } = await joinClub(reader, 'monthly');
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.created', 'checkout.session.completed', 'invoice.paid']);

    expect(await receiveStripeEvent(ctx(), ofType(events, 'checkout.session.completed'))).toBe('processed');
    expect(await membershipOf(reader.id)).toMatchObject([
      { id: expect.stringMatching(/^sub_/), status: 'active', plan: 'monthly', priceId: 'price_club_monthly', currentPeriodEnd: new Date('2026-04-02T09:00:00.000Z'), cancelAtPeriodEnd: false, pastDueSince: null },
    ]);
    expect(await stateAt(reader, h.clock.now())).toBe('member');
  });
});

describe('subscription and invoice events', () => {
  it('customer.subscription.created records the membership (yearly)', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    const { events } = await joinClub(reader, 'yearly');
    expect(await receiveStripeEvent(ctx(), ofType(events, 'customer.subscription.created'))).toBe('processed');
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'active', plan: 'yearly', currentPeriodEnd: new Date('2027-03-02T09:00:00.000Z') }]);
  });

  it('customer.subscription.updated records a cancellation at period end; access lasts to the end', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    await deliverAll((await joinClub(reader)).events);
    const from = h.double.events.length;
    const [sub] = await membershipOf(reader.id);
    await h.stripe.subscriptions.update(sub!.id, { cancel_at_period_end: true });
    await h.double.waitForDeliveries();
    const updated = h.sentSince(from);
    expect(updated.map((e) => e.type)).toEqual(['customer.subscription.updated']);

    expect(await deliverAll(updated)).toEqual(['processed']);
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: new Date('2026-04-02T09:00:00.000Z') }]);
    expect(await stateAt(reader, new Date('2026-04-02T08:59:00.000Z'))).toBe('member');
    expect(await stateAt(reader, new Date('2026-04-02T09:00:00.000Z'))).not.toBe('member');
  });

  it('customer.subscription.deleted ends the membership', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    await deliverAll((await joinClub(reader)).events);
    const [sub] = await membershipOf(reader.id);
    await h.stripe.subscriptions.update(sub!.id, { cancel_at_period_end: true });
    await h.double.waitForDeliveries();
    h.clock.advance(31 * DAY);
    const ended = await control(h, `/__double/subscriptions/${sub!.id}/end-period`);
    expect(ended.map((e) => e.type)).toEqual(['customer.subscription.deleted']);

    expect(await deliverAll(ended)).toEqual(['processed']);
    expect(await membershipOf(reader.id)).toMatchObject([{ id: sub!.id, status: 'canceled' }]);
    expect(await stateAt(reader, h.clock.now())).toBe('can-unlock');
  });

  it('invoice.paid for a renewal moves the period end on', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    await deliverAll((await joinClub(reader)).events);
    const [sub] = await membershipOf(reader.id);
    h.clock.advance(31 * DAY); // 2026-04-02T09:00Z, the end of the first period
    const renewal = await control(h, `/__double/subscriptions/${sub!.id}/end-period`);
    expect(renewal.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated']);

    expect(await receiveStripeEvent(ctx(), ofType(renewal, 'invoice.paid'))).toBe('processed');
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'active', currentPeriodEnd: new Date('2026-05-02T09:00:00.000Z'), pastDueSince: null }]);
  });

  it('invoice.payment_failed makes the membership past_due from that moment, with access during the grace period', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    await deliverAll((await joinClub(reader)).events);
    const [sub] = await membershipOf(reader.id);
    const failedAt = h.clock.advance(DAY);
    const failure = await control(h, `/__double/subscriptions/${sub!.id}/fail-payment`);
    expect(failure.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);

    expect(await receiveStripeEvent(ctx(), ofType(failure, 'invoice.payment_failed'))).toBe('processed');
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'past_due', pastDueSince: failedAt }]);
    // The update that follows, a day later, keeps the moment the payment first failed.
    h.clock.advance(DAY);
    expect(await receiveStripeEvent(ctx(), ofType(failure, 'customer.subscription.updated'))).toBe('processed');
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'past_due', pastDueSince: failedAt }]);

    expect(await stateAt(reader, new Date(failedAt.getTime() + (DEFAULT_GRACE_DAYS * DAY) - 60_000))).toBe('member');
    expect(await stateAt(reader, new Date(failedAt.getTime() + DEFAULT_GRACE_DAYS * DAY))).toBe('no-credits');
  });
});

describe('each event is processed once, in any order', () => {
  it('answers duplicate to the same event a second time, and changes nothing', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    const { events } = await joinClub(reader);
    expect(await deliverAll(events)).toEqual(['processed', 'processed', 'processed']);
    const membership = await membershipOf(reader.id);
    const stored = await h.t.db.select().from(stripeEvents).orderBy(asc(stripeEvents.id));

    h.clock.advance(DAY);
    expect(await deliverAll(events)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await membershipOf(reader.id)).toEqual(membership);
    expect(await h.t.db.select().from(stripeEvents).orderBy(asc(stripeEvents.id))).toEqual(stored);
  });

  it('ends in the same state when a later event arrives before an earlier one', async () => {
    const life = async (reader: User) => {
      const { events } = await joinClub(reader);
      const subId = (ofType(events, 'customer.subscription.created').data.object as Stripe.Subscription).id;
      const from = h.double.events.length;
      await h.stripe.subscriptions.update(subId, { cancel_at_period_end: true });
      await h.double.waitForDeliveries();
      return { subId, events: [...events, ...h.sentSince(from)] };
    };
    const inOrder = await createReader(h.t.db, h.clock.now());
    const reversed = await createReader(h.t.db, h.clock.now());
    const a = await life(inOrder);
    const b = await life(reversed);
    expect(a.events.map((e) => e.type)).toEqual(['customer.subscription.created', 'checkout.session.completed', 'invoice.paid', 'customer.subscription.updated']);

    await deliverAll(a.events);
    // The cancellation first, the creation last: the row must not fall back to "renews".
    expect(await deliverAll([...b.events].reverse())).toEqual(['processed', 'processed', 'processed', 'processed']);
    const shape = async (userId: string) => (await membershipOf(userId)).map(({ status, plan, priceId, currentPeriodEnd, cancelAtPeriodEnd, pastDueSince }) => ({ status, plan, priceId, currentPeriodEnd, cancelAtPeriodEnd, pastDueSince }));
    expect(await shape(reversed.id)).toEqual(await shape(inOrder.id));
    expect(await shape(reversed.id)).toMatchObject([{ status: 'active', cancelAtPeriodEnd: true }]);

    // The end of the subscription delivered before its creation and renewal: still ended.
    h.clock.advance(31 * DAY);
    const ended = await control(h, `/__double/subscriptions/${b.subId}/end-period`);
    expect(await deliverAll(ended)).toEqual(['processed']);
    const created = ofType(b.events, 'customer.subscription.created');
    const late = { ...created, id: `${created.id}_late` } as Stripe.Event;
    expect(await receiveStripeEvent(ctx(), late)).toBe('processed');
    expect(await membershipOf(reversed.id)).toMatchObject([{ status: 'canceled' }]);
  });
});

describe('a credit pack paid for once', () => {
  it('is granted once when checkout.session.completed is delivered twice, even at the same moment', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const [completed] = (await buyPack(reader)).events;
    const outcomes = await Promise.all([receiveStripeEvent(ctx(), completed!), receiveStripeEvent(ctx(), completed!)]);
    expect(outcomes.toSorted()).toEqual([expect.stringMatching(/^(duplicate|in-progress)$/), 'processed'].toSorted());
    expect(await receiveStripeEvent(ctx(), completed!)).toBe('duplicate');
    expect(await balanceOf(h.t.db, reader.id)).toBe(8);
    expect((await ledgerOf(reader.id)).filter((r) => r.reason === 'purchase')).toHaveLength(1);
  });

  it('is granted once by the success page and the webhook, whichever comes first', async () => {
    const first = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const page = await buyPack(first);
    expect(await confirmCheckout(ctx(), first, page.sessionId)).toEqual({ result: { kind: 'credits', status: 'granted', credits: 5 }, next: '/' });
    expect(await receiveStripeEvent(ctx(), page.events[0]!)).toBe('processed');
    expect(await confirmCheckout(ctx(), first, page.sessionId)).toMatchObject({ result: { status: 'granted', credits: 5 } });
    expect(await balanceOf(h.t.db, first.id)).toBe(8);
    expect((await ledgerOf(first.id)).filter((r) => r.reason === 'purchase')).toMatchObject([{ amount: 5, paymentRef: page.sessionId }]);

    const second = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const hook = await buyPack(second, 'credits-20');
    expect(await receiveStripeEvent(ctx(), hook.events[0]!)).toBe('processed');
    await confirmCheckout(ctx(), second, hook.sessionId);
    expect(await balanceOf(h.t.db, second.id)).toBe(23);
    expect((await ledgerOf(second.id)).filter((r) => r.reason === 'purchase')).toHaveLength(1);
  });

  it('is not granted to another reader who opens the success page with its session id', async () => {
    const buyer = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const other = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId } = await buyPack(buyer);
    expect(await confirmCheckout(ctx(), other, sessionId)).toEqual({ result: { kind: 'unknown' }, next: undefined });
    expect(await balanceOf(h.t.db, other.id)).toBe(3);
    expect(await balanceOf(h.t.db, buyer.id)).toBe(3);
  });
});

describe('events Masthead does not act on', () => {
  it('stores an unknown event type as ignored', async () => {
    const event = { id: 'evt_unknown_type', object: 'event', type: 'customer.tax_id.created', created: 1772442000, livemode: false, data: { object: { id: 'txi_1', object: 'tax_id' } } } as unknown as Stripe.Event;
    expect(await receiveStripeEvent(ctx(), event)).toBe('ignored');
    expect(await storedEvent(event.id)).toMatchObject({ type: 'customer.tax_id.created', outcome: 'ignored', processedAt: h.clock.now(), payload: { id: event.id, data: { object: { id: 'txi_1' } } } });
    expect(await receiveStripeEvent(ctx(), event)).toBe('duplicate');
  });

  it('stores events about a reader who has since been deleted as skipped, and writes nothing else', async () => {
    const member = await createReader(h.t.db, h.clock.now());
    const buyer = await createReader(h.t.db, h.clock.now());
    const club = await joinClub(member);
    const pack = await buyPack(buyer);
    await h.t.db.delete(users).where(eq(users.id, member.id));
    await h.t.db.delete(users).where(eq(users.id, buyer.id));

    const events = [...club.events, ...pack.events];
    expect(await deliverAll(events)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    for (const event of events) expect(await storedEvent(event.id)).toMatchObject({ outcome: 'skipped', note: 'reader no longer exists', processedAt: h.clock.now() });
    expect(await h.t.db.select().from(subscriptions)).toEqual([]);
    expect(await h.t.db.select().from(creditLedger).where(eq(creditLedger.reason, 'purchase'))).toEqual([]);
  });
});

describe('a failure while processing', () => {
  it('is stored as failed and rethrown, and processed once when Stripe retries after the outage', async () => {
    const reader = await createReader(h.t.db, h.clock.now());
    const created = ofType((await joinClub(reader)).events, 'customer.subscription.created');
    // Stripe's API is unreachable: the same SDK, aimed at a port nothing listens on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new Stripe(KEY, { host: '127.0.0.1', port: deadPort, protocol: 'http', maxNetworkRetries: 0 });

    await expect(receiveStripeEvent(ctx({ stripe: unreachable }), created)).rejects.toThrow();
    expect(await storedEvent(created.id)).toMatchObject({ outcome: 'failed', processedAt: null, note: expect.any(String) });
    expect(await membershipOf(reader.id)).toEqual([]);

    h.clock.advance(60_000);
    expect(await receiveStripeEvent(ctx(), created)).toBe('processed');
    expect(await receiveStripeEvent(ctx(), created)).toBe('duplicate');
    expect(await storedEvent(created.id)).toMatchObject({ outcome: 'processed', processedAt: h.clock.now() });
    expect(await membershipOf(reader.id)).toMatchObject([{ status: 'active', plan: 'monthly' }]);
  });
});

describe('an event another instance is handling', () => {
  it('is left to it while its claim is fresh, and taken over once the claim is stale', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const { events } = await buyPack(reader);
    const event = events[0]!;
    await h.t.db.insert(stripeEvents).values({ id: event.id, type: event.type, receivedAt: h.clock.now(), claimedAt: h.clock.now(), outcome: 'processing', payload: {} });

    expect(await receiveStripeEvent(ctx(), event)).toBe('in-progress');
    expect(await balanceOf(h.t.db, reader.id)).toBe(0);

    h.clock.advance(6 * 60_000); // that instance died mid-way; Stripe retries
    expect(await receiveStripeEvent(ctx(), event)).toBe('processed');
    expect(await balanceOf(h.t.db, reader.id)).toBe(5);
    expect(await receiveStripeEvent(ctx(), event)).toBe('duplicate');
    expect(await balanceOf(h.t.db, reader.id)).toBe(5);
  });
});
