// A reader with a password who joined the Club through the Stripe double's hosted Checkout,
// the membership row written by the webhooks that followed: for the account-deletion tests.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { users, type User } from '../../db/schema/index.ts';
import { startClubCheckout } from '../../src/server/billing/checkout.ts';
import { hashPassword } from '../../src/server/auth/password-hash.ts';
import { insertUser } from '../../src/server/auth/users.ts';
import { payAt, type StripeHarness } from './stripe-harness.ts';
import { uniqueIdentity } from './test-db.ts';

export const MEMBER_PASSWORD = 'a member of long standing';

/** A confirmed reader who can re-enter MEMBER_PASSWORD. */
export async function readerWithPassword(h: StripeHarness): Promise<User> {
  const { email } = uniqueIdentity('deleting');
  const inserted = await insertUser(h.t.db, { email, passwordHash: await hashPassword(MEMBER_PASSWORD), displayName: null }, h.clock.now());
  if (!inserted) throw new Error(`${email} already exists`);
  const [user] = await h.t.db.update(users).set({ emailVerifiedAt: h.clock.now() }).where(eq(users.id, inserted.id)).returning();
  if (!user) throw new Error('The reader vanished.');
  return user;
}

/** A reader who paid for the monthly Club; returns them and their subscription's id (sub_…). */
export async function clubMember(h: StripeHarness): Promise<{ user: User; subscriptionId: string }> {
  const user = await readerWithPassword(h);
  const { events } = await payAt(h, await startClubCheckout(h.ctx(), user, 'monthly', '/'));
  await h.deliverAll(events);
  const [membership] = await h.membershipOf(user.id);
  expect(membership).toMatchObject({ status: 'active' });
  return { user, subscriptionId: membership!.id };
}
