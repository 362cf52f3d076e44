// When Stripe cannot cancel a member's subscription, their account is not deleted: nothing is
// half done, and the reader is told to try again; once Stripe answers, the deletion goes
// through. PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { subscriptions, users } from '../../db/schema/index.ts';
import { deleteAccount, type AccountDeletionDeps } from '../../src/server/auth/account-data.ts';
import { MembershipNotCancelledError } from '../../src/server/billing/cancel-memberships.ts';
import { clubMember, MEMBER_PASSWORD } from '../support/club-member.ts';
import { stripeHarness } from '../support/stripe-harness.ts';

const h = stripeHarness(new Date('2026-03-02T09:00:00Z'));
const TIMEOUT_MS = 60_000;

/** A stand-in for Stripe's API that answers every request with `answer`; returns the calls it saw. */
let fake: Server | undefined;
async function fakeStripe(answer: (req: IncomingMessage) => Promise<{ status: number; body: unknown }>): Promise<{ client: Stripe; calls: string[] }> {
  const calls: string[] = [];
  fake = createServer((req, res) => {
    calls.push(`${req.method} ${req.url?.split('?')[0]}`);
    req.resume();
    void answer(req).then(({ status, body }) => res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': 'req_fake' }).end(JSON.stringify(body)));
  });
  await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
  return { client: clientAt((fake.address() as AddressInfo).port), calls };
}

/** Where nothing listens: a port the system gave out and took back. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const clientAt = (port: number) => new Stripe(h.env.secretKey, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, timeout: 5_000 });

afterEach(async () => {
  if (fake) await new Promise<void>((resolve) => fake!.close(() => resolve()));
  fake = undefined;
});

const deps = (stripe: Stripe): AccountDeletionDeps => ({ db: h.t.db, now: h.clock.now(), mail: { queued: async () => undefined }, stripe });
const userExists = async (id: string) => (await h.t.db.select({ id: users.id }).from(users).where(eq(users.id, id))).length > 0;

/** The deletion is refused for `reason`, with a message that says the account stays and to try again. */
async function expectRefused(attempt: Promise<void>, reason: string): Promise<void> {
  const error: unknown = await attempt.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MembershipNotCancelledError);
  expect(error).toMatchObject({ reason, message: expect.stringMatching(/your account has not been deleted.*try again/i) });
}

describe('Stripe cannot cancel the membership', () => {
  it.each([
    ['Stripe cannot be reached', async () => ({ client: clientAt(await deadPort()), calls: [] as string[] })],
    ['Stripe answers 500', () => fakeStripe(async () => ({ status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred.' } } }))],
    ['Stripe refuses (400)', () => fakeStripe(async () => ({ status: 400, body: { error: { type: 'invalid_request_error', message: 'This subscription cannot be canceled.' } } }))],
    ['Stripe answers that the subscription is not canceled', () => fakeStripe(async () => ({ status: 200, body: { id: 'sub_x', object: 'subscription', status: 'active' } }))],
  ])('%s: the account and the membership stay; with Stripe back, the deletion goes through', { timeout: TIMEOUT_MS }, async (_name, broken) => {
    const { user, subscriptionId } = await clubMember(h);
    const { client, calls } = await broken();

    await expectRefused(deleteAccount(deps(client), user, MEMBER_PASSWORD), 'stripe-failed');
    expect(await userExists(user.id)).toBe(true);
    expect(await h.membershipOf(user.id)).toMatchObject([{ id: subscriptionId, status: 'active' }]);
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
    if (calls.length > 0) expect(calls).toEqual([`DELETE /v1/subscriptions/${subscriptionId}`]);

    await deleteAccount(deps(h.stripe), user, MEMBER_PASSWORD);
    expect(await userExists(user.id)).toBe(false);
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
  });
});

describe('a membership recorded while the account is being deleted', () => {
  it('stops the deletion: the new subscription was not cancelled', { timeout: TIMEOUT_MS }, async () => {
    const { user, subscriptionId } = await clubMember(h);
    const now = h.clock.now();
    // Stripe cancels the one the site knew of; meanwhile a second checkout's webhook records another.
    const { client } = await fakeStripe(async () => {
      await h.t.db.insert(subscriptions).values({ id: 'sub_started_meanwhile', userId: user.id, status: 'active', plan: 'yearly', currentPeriodEnd: new Date(now.getTime() + 365 * 86_400_000), createdAt: now, updatedAt: now });
      return { status: 200, body: { id: subscriptionId, object: 'subscription', status: 'canceled' } };
    });

    await expectRefused(deleteAccount(deps(client), user, MEMBER_PASSWORD), 'started-meanwhile');
    expect(await userExists(user.id)).toBe(true);
    expect((await h.membershipOf(user.id)).map((m) => m.id).sort()).toEqual([subscriptionId, 'sub_started_meanwhile'].sort());
  });
});
