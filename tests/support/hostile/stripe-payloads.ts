// Webhook deliveries a hostile or broken sender could make: bodies of any kind, signatures
// missing, garbled, expired or made with another secret, and correctly signed payloads that
// are not JSON, not an event, or an event whose data.object is missing or of the wrong kind.
import fc from 'fast-check';
import Stripe from 'stripe';
import { hostileString } from './hostile-strings.ts';
import { HANDLED_EVENTS, OBJECT_OF } from '../../../src/server/billing/webhook.ts';

/** The event types the webhook acts on, and the kind of data.object each carries. */
export const HANDLED_TYPES = HANDLED_EVENTS;

let eventCounter = 0;
/** Unique per delivery, so no delivery is a duplicate of an earlier one by accident. */
const eventId = fc.constant(null).map(() => `evt_hostile_${process.pid}_${++eventCounter}`);

export type SignatureKind = 'missing' | 'garbled' | 'wrong-secret' | 'expired' | 'valid';

export function signatureHeader(kind: SignatureKind, payload: string, secret: string, garbage: string): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'missing': return undefined;
    case 'garbled': return garbage;
    case 'wrong-secret': return Stripe.webhooks.generateTestHeaderString({ payload, secret: `${secret}_not` });
    case 'expired': return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now - 3600 });
    case 'valid': return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: now });
  }
}

/** Bodies of any kind at all (for deliveries whose signature is wrong). */
export const anyBody = fc.oneof(fc.string(), fc.json(), hostileString, fc.constant(''), fc.constant('{"id":"evt_1","type":"invoice.paid","data":{"object":{}}}'));

/** Only what an HTTP header can carry (fetch refuses the rest before sending). */
export const garbledSignature = fc.oneof(
  hostileString.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s)),
  fc.constantFrom('t=1,v1=abc', 't=notanumber,v1=', 'v1=' + 'a'.repeat(64), 't=' + '9'.repeat(40) + ',v1=00', ',,,', 't=1,v0=abc,v1'),
);

/** Not JSON, yet signed correctly. */
export const notJson = fc.oneof(fc.constantFrom('{', '{"id":', 'undefined', "{'id':'evt_1'}", '\u0000', '[1,2'), fc.string().filter((s) => !isJson(s)));

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON that is not an event: wrong top-level type, missing or odd id/type/data. */
export const notAnEvent = fc.oneof(
  fc.constantFrom<unknown>(null, 0, 'evt_1', [], [{ id: 'evt_1' }], {}, { id: 'evt_1' }, { id: 'evt_1', type: 'invoice.paid' }),
  fc.record({ id: fc.oneof(fc.integer(), fc.constant(''), fc.constant('evt_\u0000'), fc.constant('x'.repeat(300)), fc.constant(null)), type: fc.constantFrom(...HANDLED_TYPES), data: fc.constant({ object: { object: 'invoice', id: 'in_1' } }) }),
  fc.record({ id: eventId, type: fc.oneof(fc.integer(), fc.constant(''), fc.constant('<script>')), data: fc.constant({ object: {} }) }),
  fc.record({ id: eventId, type: fc.constantFrom('invoice.paid', 'hostile.unknown'), data: fc.oneof(fc.constant(null), fc.constant('x'), fc.constant([]), fc.constant({})) }),
);

/** Handled types whose data.object is missing, not an object, of another kind, or without an id. */
export const oddObjectEvent = fc.constantFrom(...HANDLED_TYPES).chain((type) =>
  fc.record({
    id: eventId,
    object: fc.constant('event'),
    type: fc.constant(type),
    data: fc.record({
      object: fc.oneof(
        fc.constantFrom<unknown>(null, 'sub_1', 42, [], {}),
        // Another kind of object than the type carries (charge.refunded does carry a charge).
        fc.record({ object: fc.constantFrom(...['charge', 'customer', 'event', 'Subscription'].filter((kind) => kind !== OBJECT_OF[type])), id: fc.constant('x_1') }),
        fc.record({ object: fc.constant(OBJECT_OF[type]), id: fc.oneof(fc.constant(undefined), fc.integer(), fc.constant(''), fc.constant({ id: 'sub_1' })) }),
        fc.record({ object: fc.constant(OBJECT_OF[type]), id: fc.constant('sub_1'), metadata: fc.constant({ user_id: 'a\u0000' }) }),
      ),
    }),
  }),
);

/**
 * Well-formed events about nothing Masthead knows: a handled type whose object has random
 * fields (a user id that is no user, a subscription Stripe does not have), or a type Masthead
 * does not use. The documented answer is 200: stored, and skipped or ignored.
 */
export const wellFormedStrangeEvent = fc.oneof(
  fc.constantFrom(...HANDLED_TYPES).chain((type) =>
    fc.record({
      id: eventId,
      object: fc.constant('event'),
      type: fc.constant(type),
      data: fc.record({
        object: fc.record({
          object: fc.constant(OBJECT_OF[type]),
          id: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'), minLength: 4, maxLength: 12 }).map((h) => `${OBJECT_OF[type] === 'subscription' ? 'sub' : 'obj'}_hostile_${h}`),
          metadata: fc.oneof(fc.constant(null), fc.constant('text'), fc.record({ user_id: fc.oneof(fc.uuid(), fc.constant('not-a-uuid'), fc.integer()), kind: fc.constantFrom('credits', 'club', 'other'), credits: fc.constantFrom('5', '-1', 'NaN', '1e9') })),
          client_reference_id: fc.oneof(fc.constant(null), fc.uuid(), fc.constant("' OR 1=1 --")),
          mode: fc.constantFrom('payment', 'subscription', 'setup'),
          payment_status: fc.constantFrom('paid', 'unpaid'),
          status: fc.constantFrom('complete', 'open'),
          subscription: fc.oneof(fc.constant(null), fc.constant('sub_hostile_missing'), fc.constant({ id: 5 })),
          parent: fc.oneof(fc.constant(null), fc.constant('x'), fc.constant({ subscription_details: { subscription: 'sub_hostile_missing' } })),
        }),
      }),
    }),
  ),
  fc.record({ id: eventId, object: fc.constant('event'), type: fc.constantFrom('refund.created', 'hostile.unknown.type', 'customer.created'), data: fc.record({ object: fc.record({ id: fc.constant('x_1'), note: hostileString.filter((s) => !/[\u0000\uD800-\uDFFF]/.test(s)) }) }) }),
);
