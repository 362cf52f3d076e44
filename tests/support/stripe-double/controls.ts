// Test controls (JSON, no key): make time pass for a subscription, make a renewal fail, resend
// an event, list what was sent. Not part of Stripe's API; only the double has them.
import type { Billing } from './billing.ts';
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
