// Deleting an account cancels the reader's Club subscription at Stripe first, so that nobody
// is charged for a membership no account can use; the webhook that follows is taken calmly.
// With the Stripe double; PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailJobs, subscriptions, users } from '../../db/schema/index.ts';
import { deleteAccount, type AccountDeletionDeps } from '../../src/server/auth/account-data.ts';
import { MembershipNotCancelledError } from '../../src/server/billing/cancel-memberships.ts';
import { clubMember, MEMBER_PASSWORD, readerWithPassword } from '../support/club-member.ts';
import { control, ofType, stripeHarness } from '../support/stripe-harness.ts';

const h = stripeHarness(new Date('2026-03-02T09:00:00Z'));
const TIMEOUT_MS = 60_000;

const deps = (overrides: Partial<AccountDeletionDeps> = {}): AccountDeletionDeps => ({
  db: h.t.db,
  now: h.clock.now(),
  mail: { queued: async () => undefined },
  stripe: h.stripe,
  ...overrides,
});
const userExists = async (id: string) => (await h.t.db.select({ id: users.id }).from(users).where(eq(users.id, id))).length > 0;
const statusAtStripe = async (id: string) => (await h.stripe.subscriptions.retrieve(id)).status;

describe('deleting a member’s account', () => {
  it('cancels the subscription at Stripe at once, then deletes the account', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    const events = await h.eventsOf(() => deleteAccount(deps(), user, MEMBER_PASSWORD));

    expect(await statusAtStripe(subscriptionId)).toBe('canceled');
    expect(await userExists(user.id)).toBe(false);
    expect(await h.t.db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId))).toEqual([]);
    // Nothing more is billed: no invoice or payment followed the cancellation.
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
  });

  it('takes the customer.subscription.deleted that follows for a reader who is gone: skipped, not failed, nothing written back', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    const events = await h.eventsOf(() => deleteAccount(deps(), user, MEMBER_PASSWORD));
    const deleted = ofType(events, 'customer.subscription.deleted');

    expect(await h.deliverAll([deleted, deleted])).toEqual(['skipped', 'duplicate']);
    expect(await h.storedEvent(deleted.id)).toMatchObject({ outcome: 'skipped', note: 'reader no longer exists', processedAt: expect.any(Date) });
    expect(await h.t.db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId))).toEqual([]);
  });

  it('skips, without failing, the cancellation event that arrives while the account is being deleted', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    const deleted = ofType(await h.eventsOf(() => h.stripe.subscriptions.cancel(subscriptionId)), 'customer.subscription.deleted');
    let release = () => {};
    let started = () => {};
    const inside = new Promise<void>((resolve) => (started = resolve));
    // The account's row is deleted but not yet committed when the event comes in.
    const deletion = h.t.db.transaction(async (tx) => {
      await tx.delete(users).where(eq(users.id, user.id));
      started();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await inside;
    const delivered = h.deliverAll([deleted]);
    await sleep(300);
    release();
    await deletion;

    expect(await delivered).toEqual(['skipped']);
    expect(await h.storedEvent(deleted.id)).toMatchObject({ outcome: 'skipped', note: 'reader no longer exists' });
  });

  it('cancels at once a membership already set to end with its period', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    await h.deliverAll(await h.eventsOf(() => h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true })));
    expect(await h.membershipOf(user.id)).toMatchObject([{ cancelAtPeriodEnd: true, status: 'active' }]);

    await deleteAccount(deps(), user, MEMBER_PASSWORD);
    expect(await statusAtStripe(subscriptionId)).toBe('canceled');
    expect(await userExists(user.id)).toBe(false);
  });

  it('deletes the account when Stripe has already ended the subscription (it answers resource_missing)', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    // Cancelled in Stripe's dashboard; the webhook has not reached the site, whose row still says active.
    await h.eventsOf(() => h.stripe.subscriptions.cancel(subscriptionId));
    expect(await h.membershipOf(user.id)).toMatchObject([{ status: 'active' }]);

    await deleteAccount(deps(), user, MEMBER_PASSWORD);
    expect(await userExists(user.id)).toBe(false);
  });

  it('does not ask Stripe again about a subscription whose end the site has recorded', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    await h.deliverAll(await control(h, `/__double/subscriptions/${subscriptionId}/fail-payment`));
    await h.deliverAll(await h.eventsOf(() => h.stripe.subscriptions.cancel(subscriptionId)));
    expect(await h.membershipOf(user.id)).toMatchObject([{ status: 'canceled' }]);

    // Payments switched off since: nothing is left to cancel, so the deletion goes ahead.
    await deleteAccount(deps({ stripe: undefined }), user, MEMBER_PASSWORD);
    expect(await userExists(user.id)).toBe(false);
  });

  it('refuses, and keeps the account, when payments are off but a membership may still be charged', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    const refused = deleteAccount(deps({ stripe: undefined }), user, MEMBER_PASSWORD);
    await expect(refused).rejects.toBeInstanceOf(MembershipNotCancelledError);
    await expect(refused).rejects.toMatchObject({ reason: 'payments-off', message: expect.stringContaining('your account has not been deleted') });
    expect(await userExists(user.id)).toBe(true);
    expect(await statusAtStripe(subscriptionId)).toBe('active');
  });

  it('checks the password before touching the membership', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    await expect(deleteAccount(deps(), user, 'not my password')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(await statusAtStripe(subscriptionId)).toBe('active');
    expect(await userExists(user.id)).toBe(true);
  });
});

describe('deleting the account of a reader with no subscription at Stripe', () => {
  it('deletes it as before, even with payments off, and sends the notice', { timeout: TIMEOUT_MS }, async () => {
    const user = await readerWithPassword(h);
    await deleteAccount(deps({ stripe: undefined }), user, MEMBER_PASSWORD);
    expect(await userExists(user.id)).toBe(false);
    expect(await h.t.db.select({ payload: mailJobs.payload }).from(mailJobs).where(eq(mailJobs.kind, 'account-deleted'))).toEqual([{ payload: { email: user.email } }]);
  });

  it('deletes one whose membership the demo seed made (never at Stripe) without asking Stripe', { timeout: TIMEOUT_MS }, async () => {
    const user = await readerWithPassword(h);
    const now = h.clock.now();
    await h.t.db.insert(subscriptions).values({ id: `demo-${user.id}`, userId: user.id, status: 'active', plan: 'monthly', currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000), createdAt: now, updatedAt: now });
    await deleteAccount(deps({ stripe: undefined }), user, MEMBER_PASSWORD);
    expect(await userExists(user.id)).toBe(false);
  });
});
