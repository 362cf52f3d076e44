// The Stripe webhook fed hostile deliveries by fast-check over HTTP on a real server: a bad
// signature, a signed payload that is not JSON or not an event, or an event whose data.object
// is missing or of the wrong kind, each get a 400 naming the problem; a body over the limit a
// 413; a well-formed event about nothing Masthead knows (or of a type it does not use) the
// documented 200, stored and skipped or ignored. Never a 5xx; nothing else is written.
//
// Over HTTP rather than calling the parser: the checks live in the route (size, signature,
// parse, shape) as much as in receiveStripeEvent, and a 5xx is only visible end to end.
import fc from 'fast-check';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getPage, postForm } from '../support/http-forms.ts';
import { RUNS } from '../support/hostile/action-properties.ts';
import { unsafeAnswer } from '../support/hostile/clear-answer.ts';
import type { HostileAnswer } from '../support/hostile/hostile-requests.ts';
import { startHostileSite, type HostileSite } from '../support/hostile/hostile-site.ts';
import { signedInReader } from '../support/hostile/signed-in-reader.ts';
import { anyBody, garbledSignature, notAnEvent, notJson, oddObjectEvent, signatureHeader, wellFormedStrangeEvent, type SignatureKind } from '../support/hostile/stripe-payloads.ts';
import type { TableSnapshot } from '../support/hostile/table-snapshot.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from '../support/test-site.ts';

const PORTS = { server: 4443, smtp: 4444, stripe: 4445 };
const TIMEOUT_MS = 120_000;
let site: HostileSite;
let before: TableSnapshot;
/** Ids of the events answered 200: the only rows the webhook may add. */
const stored = new Set<string>();

beforeAll(async () => {
  site = await startHostileSite(PORTS);
  before = await site.snapshot();
  expect(Object.keys(before)).toContain('stripe_events'); // the snapshot reads the server's database
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
});

async function deliver(payload: string, signature: string | undefined): Promise<HostileAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (signature !== undefined) headers['Stripe-Signature'] = signature;
  const response = await fetch(`${site.url}/api/stripe/webhook`, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, location: null, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A refusal with this status, as JSON whose `error` says what is wrong. */
function expectRefusal(answer: HostileAnswer, status: number, what: string): void {
  const context = `${what}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(unsafeAnswer(answer), context).toBeUndefined();
  expect(answer.status, context).toBe(status);
  const { error } = JSON.parse(answer.text) as { error?: unknown };
  expect(typeof error === 'string' && error.length > 0, context).toBe(true);
}

const signed = (body: unknown) => {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return { payload, signature: signatureHeader('valid', payload, TEST_STRIPE_WEBHOOK_SECRET, '') };
};

describe('hostile deliveries to the Stripe webhook', () => {
  test('a missing, garbled, expired or wrongly keyed signature is refused with 400', async () => {
    const kinds = fc.constantFrom<SignatureKind>('missing', 'garbled', 'wrong-secret', 'expired');
    await fc.assert(
      fc.asyncProperty(anyBody, kinds, garbledSignature, async (payload, kind, garbage) => {
        const answer = await deliver(payload, signatureHeader(kind, payload, TEST_STRIPE_WEBHOOK_SECRET, garbage));
        expectRefusal(answer, 400, `${kind} signature over ${payload.slice(0, 80)}`);
      }),
      { numRuns: RUNS * 2 },
    );
  }, TIMEOUT_MS);

  test('a correctly signed payload that is not JSON is refused with 400', async () => {
    await fc.assert(
      fc.asyncProperty(notJson, async (body) => {
        const { payload, signature } = signed(body);
        expectRefusal(await deliver(payload, signature), 400, `not JSON: ${payload.slice(0, 80)}`);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  test('correctly signed JSON that is not an event is refused with 400', async () => {
    await fc.assert(
      fc.asyncProperty(notAnEvent, async (body) => {
        const { payload, signature } = signed(body);
        expectRefusal(await deliver(payload, signature), 400, `not an event: ${payload.slice(0, 160)}`);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  test('a handled event whose data.object is missing or of the wrong kind is refused with 400', async () => {
    await fc.assert(
      fc.asyncProperty(oddObjectEvent, async (event) => {
        const { payload, signature } = signed(event);
        expectRefusal(await deliver(payload, signature), 400, `odd data.object: ${payload.slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  test('a well-formed event about nothing Masthead knows is stored and skipped or ignored (200)', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedStrangeEvent, async (event) => {
        const { payload, signature } = signed(event);
        const answer = await deliver(payload, signature);
        const context = `${payload.slice(0, 300)}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
        expect(answer.status, context).toBe(200);
        expect(['skipped', 'ignored'], context).toContain((JSON.parse(answer.text) as { outcome?: string }).outcome);
        stored.add(event.id);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT_MS);

  test('a body over the limit is refused with 413, signed or not', async () => {
    const huge = JSON.stringify({ id: 'evt_hostile_huge', type: 'invoice.paid', data: { object: { object: 'invoice', id: 'in_1', pad: 'a'.repeat(1_100_000) } } });
    expectRefusal(await deliver(huge, signed(huge).signature), 413, 'huge signed body');
    expectRefusal(await deliver(huge, 't=1,v1=00'), 413, 'huge unsigned body');
  }, TIMEOUT_MS);

  test('the server is still serving', async () => {
    expect((await fetch(`${site.url}/robots.txt`)).status, site.server().output()).toBe(200);
  });

  test('nothing was written but the stored events answered 200', async () => {
    const after = await site.snapshot();
    const { stripe_events: eventsAfter, ...othersAfter } = after;
    const { stripe_events: eventsBefore, ...othersBefore } = before;
    expect(othersAfter).toEqual(othersBefore);
    expect(eventsAfter?.rows).toBe((eventsBefore?.rows ?? 0) + stored.size);
  }, TIMEOUT_MS);
});

// After the checks above, which must write nothing: these write on purpose (a reader, a payment).
describe('payment events about a real reader', () => {
  test('a forged "paid" event claiming 1e3 credits grants nothing; paying grants the pack’s 5; a refund takes them back once', async () => {
    const reader = await signedInReader(site.url, site.mail);
    const balance = async () => {
      const html = await (await getPage(site.url, '/credits/', reader.cookie)).text();
      return Number(/credits-balance__number">(\d+)</.exec(html)?.[1] ?? Number.NaN);
    };
    expect(await balance()).toBe(3);
    const bought = await postForm(site.url, '/credits/?_action=buyCredits', { pack: 'credits-5', next: '/' }, { cookie: reader.cookie });
    expect(bought.status, await bought.text()).toBe(303);
    const payUrl = bought.headers.get('location') ?? '';
    const sessionId = new URL(payUrl).pathname.split('/').at(-1) ?? '';
    const stripe = new Stripe(TEST_STRIPE_SECRET_KEY, { host: site.double.host, port: site.double.port, protocol: 'http', maxNetworkRetries: 0 });
    const unpaid = JSON.parse(JSON.stringify(await stripe.checkout.sessions.retrieve(sessionId))) as Stripe.Checkout.Session;

    // Signed with the endpoint's secret (as a leaked secret would allow), but Stripe holds the session unpaid.
    const forged = { id: `evt_hostile_forged_${process.pid}`, object: 'event', type: 'checkout.session.completed', data: { object: { ...unpaid, status: 'complete', payment_status: 'paid', metadata: { ...unpaid.metadata, credits: '1e3' } } } };
    const { payload, signature } = signed(forged);
    expect((await deliver(payload, signature)).status).toBe(200);
    expect(await balance()).toBe(3);

    // The double answers the payment page once its webhooks have reached the server.
    expect((await fetch(payUrl, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    expect(await balance()).toBe(8);

    const paid = await stripe.checkout.sessions.retrieve(sessionId);
    const from = site.double.events.length;
    await stripe.refunds.create({ payment_intent: String(paid.payment_intent) });
    await site.double.waitForDeliveries();
    expect(await balance()).toBe(3);
    const refunded = site.double.events.slice(from).find((s) => s.event.type === 'charge.refunded');
    expect(refunded?.deliveries.map((d) => d.status)).toEqual([200]);
    expect((await fetch(`${site.double.url}/__double/events/${refunded?.event.id}/resend`, { method: 'POST' })).status).toBe(200);
    expect(refunded?.deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await balance()).toBe(3);
  }, TIMEOUT_MS);
});
