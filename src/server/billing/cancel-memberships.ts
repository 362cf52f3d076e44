// Ending a reader's Club subscriptions at Stripe when they delete their account: a card must
// never go on being charged for a membership nobody can use. The account is deleted only
// after every chargeable subscription is cancelled (src/server/auth/account-data.ts).
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../../db/client.ts';
import { subscriptions } from '../../../db/schema/index.ts';
import { isChargeableAtStripe } from '../../lib/billing/chargeable-subscriptions.ts';
import { isMissingAtStripe } from './customers.ts';
import { log } from '../log/logger.ts';

/**
 * `stripe-failed`: Stripe could not be reached or refused; `payments-off`: the server has no
 * Stripe settings, so nothing can be cancelled; `started-meanwhile`: a membership was recorded
 * while the account was being deleted.
 */
export type MembershipNotCancelledReason = 'stripe-failed' | 'payments-off' | 'started-meanwhile';

export const MEMBERSHIP_NOT_CANCELLED_MESSAGES: Record<MembershipNotCancelledReason, string> = {
  'stripe-failed':
    'We could not cancel your Executives Club membership with our payment provider just now, so your account has not been deleted. Please try again in a few minutes.',
  'payments-off':
    'Your Executives Club membership cannot be cancelled while payments are switched off on this site, so your account has not been deleted. Please try again later, or write to us.',
  'started-meanwhile':
    'A Club membership was recorded while your account was being deleted, so your account has not been deleted. Please try again: the membership will be cancelled with it.',
};

/** Deleting the account was refused because a Club subscription could not be cancelled first. */
export class MembershipNotCancelledError extends Error {
  override name = 'MembershipNotCancelledError';
  readonly reason: MembershipNotCancelledReason;

  constructor(reason: MembershipNotCancelledReason, options?: { cause?: unknown }) {
    super(MEMBERSHIP_NOT_CANCELLED_MESSAGES[reason], options);
    this.reason = reason;
  }
}

/** The reader's subscriptions that Stripe may still charge for, by id. */
export async function chargeableSubscriptionIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: subscriptions.id, status: subscriptions.status }).from(subscriptions).where(eq(subscriptions.userId, userId));
  return rows.filter(isChargeableAtStripe).map((row) => row.id);
}

async function cancelAtStripe(stripe: Stripe, subscriptionId: string, now: Date): Promise<void> {
  let sub: Stripe.Subscription;
  try {
    sub = await stripe.subscriptions.cancel(
      subscriptionId,
      {
        // At once, with no final invoice (invoice_now) and no credit for the unused days
        // (prorate): a credit would sit on a Stripe customer whom no account can use any more,
        // and Stripe does not pay a credit back to the card. The period already paid for is not
        // refunded (docs/privacy.md says so); nothing more is ever charged.
        invoice_now: false,
        prorate: false,
        cancellation_details: { comment: 'The reader deleted their Masthead account.' },
      },
      // The key makes the SDK's own retry of a dropped request the same request. Each attempt
      // at deleting gets a new one: Stripe keeps a key's first answer for a day, a 500 included,
      // and a retry by the reader must reach Stripe again. Cancelling twice is harmless anyway.
      { idempotencyKey: `account-deletion-cancel-${subscriptionId}-${now.getTime()}` },
    );
  } catch (error) {
    // Stripe answers resource_missing for a subscription it has already ended, as for one it
    // never had: either way nothing is left to charge.
    if (isMissingAtStripe(error)) return;
    log().error({ err: error, subscription: subscriptionId }, `could not cancel subscription ${subscriptionId} at Stripe`);
    throw new MembershipNotCancelledError('stripe-failed', { cause: error });
  }
  if (sub.status !== 'canceled') {
    log().error({ subscription: subscriptionId }, `Stripe answered the cancellation of ${subscriptionId} with status ${sub.status}.`);
    throw new MembershipNotCancelledError('stripe-failed');
  }
}

/**
 * Cancels at Stripe, at once, every subscription of the reader's that Stripe may still charge
 * for, and returns their ids. Throws MembershipNotCancelledError when one cannot be cancelled
 * (those before it stay cancelled: a retry finds them ended). `stripe` is undefined when
 * payments are not set up; that is only an error if there is something to cancel.
 */
export async function cancelMembershipsAtStripe(db: Db, stripe: Stripe | undefined, userId: string, now: Date): Promise<string[]> {
  const ids = await chargeableSubscriptionIds(db, userId);
  if (ids.length === 0) return [];
  if (!stripe) throw new MembershipNotCancelledError('payments-off');
  for (const id of ids) await cancelAtStripe(stripe, id, now);
  return ids;
}
