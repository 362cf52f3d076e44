// Stripe's REST API for payments, the parts Masthead calls when money goes back: retrieving
// PaymentIntents and Charges (one, or a customer's), creating and listing refunds, listing disputes.
import { paramsOf } from './api.ts';
import type { Billing } from './billing.ts';
import { expand } from './expand.ts';
import { list, text } from './form.ts';
import { json, missing, StripeError, type Router } from './http.ts';
import { chargeToRefund } from './payments.ts';
import type { RefundObject } from './types.ts';

const REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

/** Newest first, filtered by `charge` and `payment_intent` when given, as Stripe's list endpoints. */
function listOf<T extends { charge: string; payment_intent: string; created: number }>(items: Iterable<T>, charge: string | undefined, intent: string | undefined, url: string) {
  const data = [...items].filter((i) => (!charge || i.charge === charge) && (!intent || i.payment_intent === intent)).sort((a, b) => b.created - a.created);
  return { object: 'list', data, has_more: false, url };
}

export function registerPaymentsApi(router: Router, billing: Billing): void {
  const { store } = billing;

  router.add('GET', '/v1/payment_intents/:id', (req) => {
    const intent = store.paymentIntents.get(req.params['id'] ?? '');
    if (!intent) throw missing('payment_intent', req.params['id'] ?? '');
    return json(expand(store, intent, list(paramsOf(req), 'expand')));
  });
  router.add('GET', '/v1/charges', (req) => {
    const customer = text(paramsOf(req), 'customer');
    const data = [...store.charges.values()].filter((c) => !customer || c.customer === customer).sort((a, b) => b.created - a.created);
    return json({ object: 'list', data, has_more: false, url: '/v1/charges' });
  });
  router.add('GET', '/v1/charges/:id', (req) => {
    const charge = store.charges.get(req.params['id'] ?? '');
    if (!charge) throw missing('charge', req.params['id'] ?? '');
    return json(expand(store, charge, list(paramsOf(req), 'expand')));
  });

  router.add('POST', '/v1/refunds', (req) => {
    const p = paramsOf(req);
    const charge = chargeToRefund(store, text(p, 'charge'), text(p, 'payment_intent'));
    const amountText = text(p, 'amount');
    const amount = amountText === undefined ? undefined : Number(amountText);
    if (amount !== undefined && !Number.isInteger(amount)) throw new StripeError(400, `Invalid integer: ${amountText}`, { param: 'amount' });
    const reason = text(p, 'reason');
    if (reason !== undefined && !REASONS.has(reason)) throw new StripeError(400, `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`, { param: 'reason' });
    // Stripe answers once the refund exists; its webhooks follow, never awaited by the answer.
    const { object, sent } = billing.payments.refund(charge, amount, (reason ?? null) as RefundObject['reason']);
    sent.catch(() => undefined);
    return json(object);
  });
  router.add('GET', '/v1/refunds', (req) => {
    const p = paramsOf(req);
    return json(listOf(store.refunds.values(), text(p, 'charge'), text(p, 'payment_intent'), '/v1/refunds'));
  });
  router.add('GET', '/v1/refunds/:id', (req) => {
    const refund = store.refunds.get(req.params['id'] ?? '');
    if (!refund) throw missing('refund', req.params['id'] ?? '');
    return json(refund);
  });

  router.add('GET', '/v1/disputes', (req) => {
    const p = paramsOf(req);
    return json(listOf(store.disputes.values(), text(p, 'charge'), text(p, 'payment_intent'), '/v1/disputes'));
  });
  router.add('GET', '/v1/disputes/:id', (req) => {
    const dispute = store.disputes.get(req.params['id'] ?? '');
    if (!dispute) throw missing('dispute', req.params['id'] ?? '');
    return json(dispute);
  });
}
