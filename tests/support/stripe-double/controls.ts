// Test controls (JSON, no key): make time pass for a subscription, make a renewal fail, settle
// a delayed payment, open a dispute, resend an event, list what was sent. Not part of Stripe's
// API; only the double has them.
import type { Billing } from './billing.ts';
import { parseForm, text } from './form.ts';
import { json, StripeError, type Reply, type Router } from './http.ts';
import type { SubscriptionRecord } from './store.ts';
import type { WebhookSender } from './webhooks.ts';

export function registerControls(router: Router, billing: Billing, sender: WebhookSender, awaitWebhooks: boolean): void {
  const find = (id: string): SubscriptionRecord => {
    const record = billing.store.subscriptions.get(id);
    if (!record) throw new StripeError(404, `No such subscription: '${id}'`, { code: 'resource_missing' });
    return record;
  };
  const settle = async (work: Promise<unknown>): Promise<void> => {
    if (awaitWebhooks) await work;
    else work.catch(() => undefined);
  };

  router.add('POST', '/__double/subscriptions/:id/end-period', async (req): Promise<Reply> => {
    const record = find(req.params['id'] ?? '');
    await settle(billing.endPeriod(record));
    return json({ subscription: record.object });
  });
  router.add('POST', '/__double/subscriptions/:id/fail-payment', async (req): Promise<Reply> => {
    const record = find(req.params['id'] ?? '');
    if (record.object.status === 'canceled') throw new StripeError(400, `Subscription ${record.object.id} is canceled: it has no payment to fail.`);
    await settle(billing.failPayment(record));
    return json({ subscription: record.object });
  });
  // Body `outcome=succeeded` (the default) or `outcome=failed`.
  router.add('POST', '/__double/checkout/sessions/:id/settle', async (req): Promise<Reply> => {
    const checkout = billing.store.sessions.get(req.params['id'] ?? '');
    if (!checkout) throw new StripeError(404, `No such checkout.session: '${req.params['id'] ?? ''}'`, { code: 'resource_missing' });
    const outcome = text(parseForm(req.body), 'outcome') ?? 'succeeded';
    if (outcome !== 'succeeded' && outcome !== 'failed') throw new StripeError(400, 'outcome must be succeeded or failed.', { param: 'outcome' });
    await settle(billing.settle(checkout, outcome));
    return json({ session: checkout.session });
  });
  // Body `status=needs_response` (a chargeback, the default) or `status=warning_needs_response` (an inquiry).
  router.add('POST', '/__double/charges/:id/dispute', async (req): Promise<Reply> => {
    const charge = billing.store.charges.get(req.params['id'] ?? '');
    if (!charge) throw new StripeError(404, `No such charge: '${req.params['id'] ?? ''}'`, { code: 'resource_missing' });
    const status = text(parseForm(req.body), 'status') ?? 'needs_response';
    if (status !== 'needs_response' && status !== 'warning_needs_response') throw new StripeError(400, 'status must be needs_response or warning_needs_response.', { param: 'status' });
    const { object, sent } = billing.payments.dispute(charge, status);
    await settle(sent);
    return json(object);
  });
  router.add('POST', '/__double/events/:id/resend', async (req): Promise<Reply> => {
    const id = req.params['id'] ?? '';
    const sent = sender.events.find((s) => s.event.id === id);
    if (!sent) throw new StripeError(404, `No such event: '${id}'`, { code: 'resource_missing' });
    await settle(billing.resend(id));
    return json(sent);
  });
  router.add('GET', '/__double/events', () => json({ object: 'list', data: sender.events }));
  router.add('POST', '/__double/wait', async (): Promise<Reply> => {
    await sender.idle();
    return json({ idle: true });
  });
}
