// Money going back: a refunded or disputed credit pack takes back the credits it stands for
// that the reader has not spent (in proportion to the money returned, once per refund or
// dispute, never below zero, the ledger's sum always the balance); a refunded Club payment
// leaves the membership as Stripe's subscription is. The reader is told: a ledger line and an
// e-mail notice. Events are Stripe's own, from the double.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailJobs, users, type User } from '../../db/schema/index.ts';
import { ledgerReasonLabel } from '../../src/lib/credits/ledger-labels.ts';
import { resolveEntitlement } from '../../src/lib/paywall/entitlement.ts';
import { DEFAULT_GRACE_DAYS } from '../../src/lib/paywall/membership.ts';
import { startClubCheckout, startCreditCheckout } from '../../src/server/billing/checkout.ts';
import { ledgerSum, unlockStory } from '../../src/server/credits/ledger.ts';
import { composeMail } from '../../src/server/mail/compose-mail.ts';
import { readerFacts } from '../../src/server/paywall/reader-access.ts';
import { balanceOf, createReader } from '../support/reader-factory.ts';
import { control, ofType, payAt, stripeHarness } from '../support/stripe-harness.ts';

const STORY = 'leapmotor-record-deliveries-tesla-challengers';
const h = stripeHarness(new Date('2026-03-02T09:00:00.000Z'));

/** Buys a pack by card and delivers its webhook; returns the payment intent to refund. */
async function boughtPack(reader: User, pack: 'credits-5' | 'credits-20' = 'credits-5'): Promise<string> {
  const { sessionId, events } = await payAt(h, await startCreditCheckout(h.ctx(), reader, pack, '/'));
  expect(await h.deliverAll(events)).toEqual(['processed']);
  const session = await h.stripe.checkout.sessions.retrieve(sessionId);
  return String(session.payment_intent);
}

const refund = (paymentIntent: string, amount?: number) => h.eventsOf(() => h.stripe.refunds.create({ payment_intent: paymentIntent, ...(amount ? { amount } : {}) }));
const chargeOf = async (paymentIntent: string) => String((await h.stripe.paymentIntents.retrieve(paymentIntent)).latest_charge);
const refundRows = async (userId: string) => (await h.ledgerOf(userId)).filter((r) => r.reason === 'refund');

/** The notices queued for the reader about credits taken back, as they will be sent. */
async function noticesTo(reader: User) {
  const all = (await h.t.db.select().from(mailJobs).where(eq(mailJobs.kind, 'credits-taken-back'))).filter((j) => (j.payload as { email?: string }).email === reader.email);
  const ctx = { db: h.t.db, siteUrl: 'https://news.example.test', publicationName: 'Masthead', contact: 'help@news.example.test' };
  return Promise.all(all.map(async (job) => ({ payload: job.payload, message: await composeMail(ctx, job, h.clock.now()) })));
}

/** The balance on the reader's row is the ledger's sum, and never below zero. */
async function expectBalance(reader: User, balance: number) {
  expect(await balanceOf(h.t.db, reader.id)).toBe(balance);
  expect(await ledgerSum(h.t.db, reader.id)).toBe(balance);
}

describe('a refunded credit pack', () => {
  it('takes all its credits back when none were spent, in a ledger row the account page labels', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const intent = await boughtPack(reader);
    await expectBalance(reader, 8);
    const events = await refund(intent);
    expect(events.map((e) => e.type).toSorted()).toEqual(['charge.refunded', 'refund.created']);
    expect(await h.deliverAll([ofType(events, 'charge.refunded')])).toEqual(['processed']);
    await expectBalance(reader, 3);
    const rows = await refundRows(reader.id);
    expect(rows).toMatchObject([{ amount: -5, paymentRef: expect.stringMatching(/^re_/) }]);
    expect(ledgerReasonLabel(rows[0]!.reason, rows[0]!.paymentRef)).toMatch(/refunded/i);
    expect(await h.purchasesOf(reader.id)).toMatchObject([{ credits: 5, creditsReversed: 5 }]);
    const [notice] = await noticesTo(reader);
    expect(notice?.payload).toEqual({ email: reader.email, credits: 5, cause: 'refund' });
    expect(notice?.message).toMatchObject({ to: reader.email, subject: 'Credits were taken back from your Masthead account' });
    expect(notice?.message?.text).toContain('was refunded, so 5 unused credits were taken back');
  });

  it('takes back only what is left after some were spent, never going below zero', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const intent = await boughtPack(reader);
    for (const slug of ['a', 'b', 'c', 'd']) expect(await unlockStory(h.t.db, reader.id, `story-${slug}`, h.clock.now())).toBe('unlocked');
    await expectBalance(reader, 1);
    expect(await h.deliverAll(await refund(intent))).toEqual(expect.arrayContaining(['processed']));
    await expectBalance(reader, 0);
    expect(await refundRows(reader.id)).toMatchObject([{ amount: -1 }]);
    expect(await h.purchasesOf(reader.id)).toMatchObject([{ creditsReversed: 1 }]);
    // What was unlocked stays unlocked.
    expect(await unlockStory(h.t.db, reader.id, 'story-a', h.clock.now())).toBe('already-unlocked');
  });

  it('takes back in proportion to a partial refund; two halves of 5 credits take 2, then 3', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const intent = await boughtPack(reader); // 5 credits for $9.00
    expect(await h.deliverAll(await refund(intent, 450))).toContain('processed');
    await expectBalance(reader, 3);
    expect(await h.deliverAll(await refund(intent, 450))).toContain('processed');
    await expectBalance(reader, 0);
    expect((await refundRows(reader.id)).map((r) => r.amount)).toEqual([-2, -3]);

    const big = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const bigIntent = await boughtPack(big, 'credits-20'); // 20 credits for $29.00
    expect(await h.deliverAll(await refund(bigIntent, 725))).toContain('processed');
    await expectBalance(big, 15);
  });

  it('takes back once when the event comes twice, or another event about the same refund comes', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const intent = await boughtPack(reader);
    const refunded = ofType(await refund(intent), 'charge.refunded');
    expect(await h.deliverAll([refunded, refunded])).toEqual(['processed', 'duplicate']);
    const again = { ...refunded, id: `${refunded.id}_resent` };
    expect(await h.deliverAll([again])).toEqual(['processed']);
    await expectBalance(reader, 3);
    expect(await refundRows(reader.id)).toHaveLength(1);
    expect(await noticesTo(reader)).toHaveLength(1);
  });
});

describe('a refund whose event arrives before the payment’s', () => {
  it('is taken back when the payment is granted, once', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 3 });
    const { sessionId, events } = await payAt(h, await startCreditCheckout(h.ctx(), reader, 'credits-5', '/'));
    const session = await h.stripe.checkout.sessions.retrieve(sessionId);
    const refunded = await refund(String(session.payment_intent));
    expect(await h.deliverAll([ofType(refunded, 'charge.refunded')])).toEqual(['processed']);
    await expectBalance(reader, 3);
    expect(await h.deliverAll(events)).toEqual(['processed']);
    await expectBalance(reader, 3);
    expect(await h.purchasesOf(reader.id)).toMatchObject([{ credits: 5, creditsReversed: 5 }]);
    expect((await h.ledgerOf(reader.id)).map((r) => [r.reason, r.amount]).slice(-2)).toEqual([['purchase', 5], ['refund', -5]]);
    expect(await h.deliverAll([{ ...ofType(refunded, 'charge.refunded'), id: 'evt_again' }])).toEqual(['processed']);
    await expectBalance(reader, 3);
  });
});

describe('a disputed credit pack', () => {
  it('takes back its unspent credits when the funds are withdrawn; an inquiry takes nothing', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const intent = await boughtPack(reader, 'credits-20');
    expect(await unlockStory(h.t.db, reader.id, 'story-a', h.clock.now())).toBe('unlocked');
    const disputed = await control(h, `/__double/charges/${await chargeOf(intent)}/dispute`);
    expect(await h.deliverAll([ofType(disputed, 'charge.dispute.created')])).toEqual(['processed']);
    await expectBalance(reader, 0);
    expect(await refundRows(reader.id)).toMatchObject([{ amount: -19, paymentRef: expect.stringMatching(/^dp_/) }]);
    expect((await noticesTo(reader)).map((n) => n.payload)).toEqual([{ email: reader.email, credits: 19, cause: 'dispute' }]);
    expect((await noticesTo(reader))[0]?.message?.text).toContain('was disputed with your bank, so 19 unused credits were taken back');

    const asked = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const askedIntent = await boughtPack(asked);
    const inquiry = await control(h, `/__double/charges/${await chargeOf(askedIntent)}/dispute`, { status: 'warning_needs_response' });
    expect(await h.deliverAll(inquiry)).toEqual(['processed']);
    await expectBalance(asked, 5);
    expect(await noticesTo(asked)).toEqual([]);
  });
});

describe('a refunded Club payment', () => {
  it('leaves the membership as Stripe has it: cancelled with the refund, the membership ends', async () => {
    const reader = await createReader(h.t.db, h.clock.now(), { credits: 0 });
    const { events } = await payAt(h, await startClubCheckout(h.ctx(), reader, 'monthly', '/'));
    await h.deliverAll(events);
    const [membership] = await h.membershipOf(reader.id);
    expect(membership).toMatchObject({ status: 'active' });
    const customer = String((ofType(events, 'customer.subscription.created').data.object as { customer: string }).customer);
    const [charge] = (await h.stripe.charges.list({ customer })).data;

    // Refunded and cancelled at once (the dashboard's "cancel immediately and refund"); only the
    // refund's event reaches the site.
    const refunded = await h.eventsOf(async () => {
      await h.stripe.refunds.create({ charge: charge!.id });
      await h.stripe.subscriptions.cancel(membership!.id);
    });
    expect(await h.deliverAll([ofType(refunded, 'charge.refunded')])).toEqual(['processed']);
    expect(await h.membershipOf(reader.id)).toMatchObject([{ id: membership!.id, status: 'canceled' }]);
    const [user] = await h.t.db.select().from(users).where(eq(users.id, reader.id));
    expect(resolveEntitlement(await readerFacts(h.t.db, user!, STORY, h.clock.now(), DEFAULT_GRACE_DAYS))).toBe('no-credits');
  });
});
