// Each reader is one Stripe customer, created on their first checkout and reused after.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { billingCustomers, type User } from '../../../db/schema/index.ts';

export async function customerIdOf(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)).limit(1);
  return row?.stripeCustomerId;
}

export async function userIdOfCustomer(db: Db, customerId: string): Promise<string | undefined> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, customerId)).limit(1);
  return row?.userId;
}

export async function ensureCustomer(db: Db, stripe: Stripe, user: User, now: Date): Promise<string> {
  const existing = await customerIdOf(db, user.id);
  if (existing) return existing;
  const customer = await stripe.customers.create({ email: user.email, metadata: { user_id: user.id } }, { idempotencyKey: `customer-${user.id}` });
  await db.insert(billingCustomers).values({ userId: user.id, stripeCustomerId: customer.id, createdAt: now }).onConflictDoNothing();
  return (await customerIdOf(db, user.id)) ?? customer.id;
}
