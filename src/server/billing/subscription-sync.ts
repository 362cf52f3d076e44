// Keeps a membership row in step with a Stripe subscription. The row is always rewritten
// from the subscription as Stripe holds it now, so webhooks may arrive in any order.
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { subscriptions, users, type SubscriptionStatus } from '../../../db/schema/index.ts';
import type { StripeEnv } from '../config/server-env.ts';
import { isStorySegment } from '../../lib/desk/attribution.ts';
import { planOfPrice } from './stripe-client.ts';
import { userIdOfCustomer } from './customers.ts';
import { log } from '../log/logger.ts';
import { logEvent } from '../log/events.ts';

/** `not-club`: the subscription is on a price that is not one of the Club's; it grants nothing. */
export type SyncOutcome = 'synced' | 'unknown-reader' | 'not-club';

function periodEnd(sub: Stripe.Subscription): Date {
  const item = sub.items?.data?.[0] as (Stripe.SubscriptionItem & { current_period_end?: number }) | undefined;
  const legacy = (sub as unknown as { current_period_end?: number }).current_period_end;
  const seconds = item?.current_period_end ?? legacy ?? sub.created;
  return new Date(seconds * 1000);
}

export async function readerOfSubscription(db: Db, sub: Stripe.Subscription): Promise<string | undefined> {
  const fromMetadata = sub.metadata?.user_id;
  if (fromMetadata) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, fromMetadata)).limit(1);
    if (user) return user.id;
  }
  const customer = typeof sub.customer === 'string' ? sub.customer : sub.customer?.id;
  return customer ? userIdOfCustomer(db, customer) : undefined;
}

export async function syncSubscription(db: Db, env: StripeEnv, sub: Stripe.Subscription, now: Date): Promise<SyncOutcome> {
  const userId = await readerOfSubscription(db, sub);
  if (!userId) return 'unknown-reader';
  const price = sub.items?.data?.[0]?.price;
  // Only the configured Club prices make a membership: any other product on the same Stripe
  // account is none of Masthead's business. A row left from when it was a Club price ends.
  const plan = planOfPrice(env, price?.id);
  if (!plan) {
    const ended = await db.update(subscriptions).set({ status: 'canceled', updatedAt: now }).where(eq(subscriptions.id, sub.id)).returning({ status: subscriptions.status });
    if (ended.length > 0) logEvent('membership.changed', { userId, subscription: sub.id, membershipStatus: 'canceled', note: 'not a Club price' });
    log().warn({ subscription: sub.id }, `subscription ${sub.id} is on price ${price?.id ?? '(none)'}, not a Club price: no membership.`);
    return 'not-club';
  }
  const status = sub.status as SubscriptionStatus;
  const [existing] = await db.select().from(subscriptions).where(eq(subscriptions.id, sub.id)).limit(1);
  const pastDueSince = status === 'past_due' ? (existing?.pastDueSince ?? now) : null;
  const values = {
    userId,
    status,
    plan,
    priceId: price?.id ?? null,
    currentPeriodEnd: periodEnd(sub),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
    pastDueSince,
    updatedAt: now,
  };
  // The story the join started from is written when the row is created, whichever of the
  // webhook or the welcome page gets here first; a later sync only fills it if still empty.
  const story = sub.metadata?.story_slug;
  const sourceStorySlug = isStorySegment(story) ? story : null;
  try {
    await db
      .insert(subscriptions)
      .values({ id: sub.id, createdAt: now, sourceStorySlug, ...values })
      .onConflictDoUpdate({
        target: subscriptions.id,
        set: { ...values, sourceStorySlug: sql`coalesce(${subscriptions.sourceStorySlug}, excluded.source_story_slug)` },
      });
  } catch (error) {
    // The reader's account was deleted between the lookup above and this write: deleting an
    // account cancels its subscription, and Stripe's event about that can arrive mid-deletion.
    if (isForeignKeyViolation(error)) return 'unknown-reader';
    throw error;
  }
  if (existing?.status !== status) logEvent('membership.changed', { userId, subscription: sub.id, plan, membershipStatus: status, previousStatus: existing?.status ?? null });
  return 'synced';
}

/** PostgreSQL's foreign_key_violation (23503), wherever the driver or Drizzle wrapped it. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}
