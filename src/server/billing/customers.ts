// Each reader is one Stripe customer, created on their first checkout and reused after.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { billingCustomers } from '../../../db/schema/index.ts';
import type { Reader } from '../auth/sessions.ts';

export async function customerIdOf(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)).limit(1);
  return row?.stripeCustomerId;
}

export async function userIdOfCustomer(db: Db, customerId: string): Promise<string | undefined> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, customerId)).limit(1);
  return row?.userId;
}

/** Stripe's answer when an id it once gave no longer exists (e.g. deleted in the dashboard). */
export function isMissingAtStripe(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'resource_missing';
}

async function stillAtStripe(stripe: Stripe, customerId: string): Promise<boolean> {
  try {
    const customer = await stripe.customers.retrieve(customerId);
    return !('deleted' in customer && customer.deleted);
  } catch (error) {
    if (isMissingAtStripe(error)) return false;
    throw error;
  }
}

/** The reader's Stripe customer, created on first use; one that Stripe no longer has is replaced. */
export async function ensureCustomer(db: Db, stripe: Stripe, user: Reader, now: Date): Promise<string> {
  const existing = await customerIdOf(db, user.id);
  if (existing && (await stillAtStripe(stripe, existing))) return existing;
  if (existing) await db.delete(billingCustomers).where(eq(billingCustomers.userId, user.id));
  const customer = await stripe.customers.create({ email: user.email, metadata: { user_id: user.id } }, { idempotencyKey: `customer-${user.id}-${now.getTime()}` });
  await db.insert(billingCustomers).values({ userId: user.id, stripeCustomerId: customer.id, createdAt: now }).onConflictDoNothing();
  return (await customerIdOf(db, user.id)) ?? customer.id;
}
