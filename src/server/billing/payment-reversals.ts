// Money going back to a reader: a refund or a dispute of a charge. For a credit pack, the
// unspent credits it stands for are taken back through the ledger (reason `refund`, once per
// refund or dispute id, never below zero) and the reader is sent a notice; for a Club payment,
// the membership follows the subscription as Stripe holds it now. Refunds and disputes are
// re-read from Stripe, so the outcome does not depend on which event arrives first or how often.
import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { creditLedger, creditPurchases, users, type CreditPurchase } from '../../../db/schema/index.ts';
import { creditsPerReversal, type Reversal } from '../../lib/billing/refund-credits.ts';
import { takeBack } from '../credits/ledger.ts';
import { enqueueMail } from '../mail/mail-jobs.ts';
import type { CheckoutContext } from './checkout.ts';
import { isMissingAtStripe, userIdOfCustomer } from './customers.ts';
import { syncSubscription } from './subscription-sync.ts';

export interface ReversalOutcome {
  outcome: 'processed' | 'skipped' | 'ignored';
  note: string;
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : value?.id);

/** Refunds on their way or done (a failed or cancelled one gave nothing back). */
const REFUND_COUNTS = new Set(['succeeded', 'pending', 'requires_action']);
/** An inquiry (`warning_*`) or a prevented dispute has withdrawn no funds. */
const disputeWithdrewFunds = (status: string) => !status.startsWith('warning_') && status !== 'prevented';

async function reversalsOf(ctx: CheckoutContext, paymentIntentId: string): Promise<Reversal[]> {
  const [refunds, disputes] = await Promise.all([
    ctx.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }),
    ctx.stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 }),
  ]);
  return [
    ...refunds.data.filter((r) => REFUND_COUNTS.has(r.status ?? '')).map((r) => ({ id: r.id, amount: r.amount, created: r.created })),
    ...disputes.data.filter((d) => disputeWithdrewFunds(d.status)).map((d) => ({ id: d.id, amount: d.amount, created: d.created })),
  ];
}

/** Takes back what each reversal not yet applied stands for, in one transaction. */
async function reversePack(ctx: CheckoutContext, purchase: CreditPurchase, charge: Stripe.Charge): Promise<ReversalOutcome> {
  const reversals = await reversalsOf(ctx, purchase.paymentIntentId ?? '');
  const taken = await ctx.db.transaction(async (tx) => {
    // Locked: two events about the same payment apply one after the other.
    const [row] = await tx.select().from(creditPurchases).where(eq(creditPurchases.checkoutSessionId, purchase.checkoutSessionId)).for('update');
    if (!row || reversals.length === 0) return [];
    const done = await tx
      .select({ ref: creditLedger.paymentRef })
      .from(creditLedger)
      .where(and(eq(creditLedger.reason, 'refund'), inArray(creditLedger.paymentRef, reversals.map((r) => r.id))));
    const applied = new Set(done.map((d) => d.ref ?? ''));
    const shares = creditsPerReversal(row.credits, charge.amount, reversals, applied).filter((share) => !applied.has(share.id));
    let reversed = row.creditsReversed;
    const taken: { id: string; credits: number }[] = [];
    for (const share of shares) {
      // Its share, never more than the pack has left to reverse; takeBack also never takes more
      // than the reader holds (credits already spent on unlocks stay spent).
      const max = Math.min(share.credits, row.credits - reversed);
      if (max <= 0) continue;
      const credits = await takeBack(tx, row.userId, max, share.id, ctx.now);
      if (credits > 0) taken.push({ id: share.id, credits });
      reversed += credits;
    }
    if (taken.length === 0) return taken;
    await tx.update(creditPurchases).set({ creditsReversed: reversed }).where(eq(creditPurchases.checkoutSessionId, row.checkoutSessionId));
    // The reader is told in the same transaction, so there is a notice exactly when credits went.
    const [reader] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
    const credits = taken.reduce((sum, t) => sum + t.credits, 0);
    const cause = taken.some((t) => t.id.startsWith('dp_')) ? 'dispute' : 'refund';
    if (reader) await enqueueMail(tx, { kind: 'credits-taken-back', payload: { email: reader.email, credits, cause } }, ctx.now);
    return taken;
  });
  const note = taken.map((t) => `${t.credits} for ${t.id}`).join(', ');
  return { outcome: 'processed', note: note ? `credits taken back: ${note}` : `nothing left to take back for ${purchase.checkoutSessionId}` };
}

/** A refunded or disputed Club payment: every subscription of that customer is re-read. */
async function followSubscriptions(ctx: CheckoutContext, charge: Stripe.Charge): Promise<ReversalOutcome> {
  const customer = idOf(charge.customer);
  if (!customer || !(await userIdOfCustomer(ctx.db, customer))) return { outcome: 'ignored', note: 'not a payment of a Masthead reader' };
  const subs = await ctx.stripe.subscriptions.list({ customer, status: 'all', limit: 100 });
  const notes: string[] = [];
  for (const sub of subs.data) notes.push(`${sub.id} ${sub.status}: ${await syncSubscription(ctx.db, ctx.env, sub, ctx.now)}`);
  return { outcome: 'processed', note: notes.length > 0 ? notes.join('; ') : 'no subscription to follow' };
}

/** `charge.refunded` and `charge.dispute.created`, for the charge they are about. */
export async function reverseCharge(ctx: CheckoutContext, chargeId: string): Promise<ReversalOutcome> {
  let charge: Stripe.Charge;
  try {
    charge = await ctx.stripe.charges.retrieve(chargeId);
  } catch (error) {
    if (isMissingAtStripe(error)) return { outcome: 'skipped', note: `charge ${chargeId} unknown at Stripe` };
    throw error;
  }
  const paymentIntentId = idOf(charge.payment_intent);
  const [purchase] = paymentIntentId ? await ctx.db.select().from(creditPurchases).where(eq(creditPurchases.paymentIntentId, paymentIntentId)).limit(1) : [];
  return purchase ? reversePack(ctx, purchase, charge) : followSubscriptions(ctx, charge);
}
