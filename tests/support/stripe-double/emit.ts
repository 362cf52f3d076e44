// Making one Stripe event of a change and queueing it for delivery: a snapshot of the object as
// it is now, in the envelope Stripe sends (the SDK's API version, unix-second `created`).
import Stripe from 'stripe';
import { newId, type Store } from './store.ts';
import type { StripeEvent, StripeObject } from './types.ts';
import type { WebhookSender } from './webhooks.ts';

/** Queues an event; the promise settles when its delivery attempts are over. */
export type Emit = (type: string, object: StripeObject, previous?: Record<string, unknown>) => Promise<void>;

export function createEmit(store: Store, sender: WebhookSender): Emit {
  return (type, object, previous) => {
    const snapshot = structuredClone(object);
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: store.now(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: previous ? { object: snapshot, previous_attributes: previous } : { object: snapshot },
    };
    return sender.send({ event, deliveries: [] });
  };
}
