// Money moving at the double: a payment (a PaymentIntent and, once it succeeds, its Charge),
// a delayed method settling or failing, refunds and disputes, each sent as Stripe's events.
import { StripeError, missing } from './http.ts';
import { newId, type Store } from './store.ts';
import type { ChargeObject, DisputeObject, DisputeStatus, PaymentIntentObject, RefundObject } from './types.ts';
import type { Emit } from './emit.ts';

export interface Payments {
  /** A payment of `amount`: succeeded at once (card), or `processing` (a delayed method). */
  start(customer: string | null, amount: number, currency: string, delayed?: boolean): PaymentIntentObject;
  /** A processing payment settles: succeeded (with its charge) or failed. */
  settle(intent: PaymentIntentObject, outcome: 'succeeded' | 'failed'): void;
  /**
   * Stripe's POST /v1/refunds: refunds a charge (all of what is left, or `amount`) at once;
   * `sent` settles when its webhooks have been delivered.
   */
  refund(charge: ChargeObject, amount: number | undefined, reason: RefundObject['reason']): Sent<RefundObject>;
  /** The cardholder's bank opens a dispute (a chargeback, or an inquiry with `warning_needs_response`). */
  dispute(charge: ChargeObject, status: DisputeStatus): Sent<DisputeObject>;
}

/** What was made, and the delivery of the events about it. */
export interface Sent<T> {
  object: T;
  sent: Promise<void>;
}

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function createPayments(store: Store, emit: Emit): Payments {
  function charge(intent: PaymentIntentObject): ChargeObject {
    const created: ChargeObject = {
      id: newId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intent.id,
      paid: true,
      status: 'succeeded',
      refunded: false,
      disputed: false,
      created: store.now(),
      livemode: false,
    };
    store.charges.set(created.id, created);
    intent.latest_charge = created.id;
    intent.amount_received = intent.amount;
    intent.status = 'succeeded';
    return created;
  }

  return {
    start(customer, amount, currency, delayed = false) {
      const intent: PaymentIntentObject = { id: newId('pi'), object: 'payment_intent', amount, amount_received: 0, currency, customer, status: 'processing', latest_charge: null, created: store.now(), livemode: false };
      store.paymentIntents.set(intent.id, intent);
      if (!delayed) charge(intent);
      return intent;
    },
    settle(intent, outcome) {
      if (intent.status !== 'processing') throw new StripeError(400, `PaymentIntent ${intent.id} is ${intent.status}, not processing.`);
      if (outcome === 'succeeded') charge(intent);
      else intent.status = 'requires_payment_method';
    },
    refund(target, amount, reason) {
      if (target.disputed) throw new StripeError(400, `Charge ${target.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' });
      const left = target.amount - target.amount_refunded;
      if (left <= 0) throw new StripeError(400, `Charge ${target.id} has already been refunded.`, { code: 'charge_already_refunded' });
      const value = amount ?? left;
      if (!Number.isInteger(value) || value <= 0) throw new StripeError(400, 'Invalid positive integer', { param: 'amount' });
      if (value > left) throw new StripeError(400, `Refund amount (${money(value)}) is greater than unrefunded amount on charge (${money(left)})`, { param: 'amount' });
      const refund: RefundObject = { id: newId('re'), object: 'refund', amount: value, charge: target.id, payment_intent: target.payment_intent, currency: target.currency, status: 'succeeded', reason, created: store.now() };
      store.refunds.set(refund.id, refund);
      const previous = { amount_refunded: target.amount_refunded, refunded: target.refunded };
      target.amount_refunded += value;
      target.refunded = target.amount_refunded === target.amount;
      // Both are sent for every refund; their order is not guaranteed at Stripe.
      return { object: refund, sent: Promise.all([emit('refund.created', refund), emit('charge.refunded', target, previous)]).then(() => undefined) };
    },
    dispute(target, status) {
      if (target.disputed) throw new StripeError(400, `Charge ${target.id} is already disputed.`);
      const dispute: DisputeObject = {
        id: newId('dp'),
        object: 'dispute',
        amount: target.amount - target.amount_refunded,
        charge: target.id,
        payment_intent: target.payment_intent,
        currency: target.currency,
        status,
        reason: status === 'needs_response' ? 'fraudulent' : 'general',
        is_charge_refundable: false,
        created: store.now(),
        livemode: false,
      };
      store.disputes.set(dispute.id, dispute);
      target.disputed = true;
      const sends = [emit('charge.dispute.created', dispute)];
      if (status === 'needs_response') sends.push(emit('charge.dispute.funds_withdrawn', dispute));
      return { object: dispute, sent: Promise.all(sends).then(() => undefined) };
    },
  };
}

/** The charge a refund request names, by `charge` or `payment_intent` (Stripe takes either). */
export function chargeToRefund(store: Store, chargeId: string | undefined, intentId: string | undefined): ChargeObject {
  if (chargeId && intentId) throw new StripeError(400, 'You may only specify one of these parameters: charge, payment_intent.');
  if (chargeId) {
    const found = store.charges.get(chargeId);
    if (!found) throw missing('charge', chargeId, 'charge');
    return found;
  }
  if (!intentId) throw new StripeError(400, 'One of the following params should be provided for this request: payment_intent or charge.');
  const intent = store.paymentIntents.get(intentId);
  if (!intent) throw missing('payment_intent', intentId, 'payment_intent');
  const latest = typeof intent.latest_charge === 'string' ? store.charges.get(intent.latest_charge) : undefined;
  if (!latest) throw new StripeError(400, `PaymentIntent ${intentId} does not have a successful charge to refund.`, { param: 'payment_intent' });
  return latest;
}
