// Stripe's webhook: the raw body is verified against the signature (400 if it fails, or if
// the verified payload is not a well-formed event), then the event is stored and processed
// once. A 500 makes Stripe retry later, so it is kept for failures a retry can mend.
import type { APIRoute } from 'astro';
import { billingContext } from '../../../server/billing/billing-context.ts';
import { malformedEventProblem, receiveStripeEvent } from '../../../server/billing/webhook.ts';
import { WEBHOOK_BODY_LIMIT, payloadTooLarge, readTextWithin } from '../../../server/http/body-limit.ts';
import { log } from '../../../server/log/logger.ts';

const json = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });

export const POST: APIRoute = async ({ request }) => {
  const ctx = await billingContext();
  if (!ctx) return json(404, { error: 'Payments are not set up on this server.' });
  const signature = request.headers.get('stripe-signature');
  if (!signature) return json(400, { error: 'Missing Stripe-Signature header.' });
  // Refused before reading when the sender says it is too large, and while reading otherwise
  // (a chunked body): nothing past the limit is held in memory.
  const read = await readTextWithin(request, WEBHOOK_BODY_LIMIT);
  if (read.tooLarge) return payloadTooLarge(WEBHOOK_BODY_LIMIT);
  const body = read.text;
  let event;
  try {
    event = await ctx.stripe.webhooks.constructEventAsync(body, signature, ctx.env.webhookSecret);
  } catch (error) {
    // The SDK verifies the signature first, then parses: a parse error means a signed non-JSON body.
    if (error instanceof SyntaxError) return json(400, { error: 'The payload is not JSON.' });
    return json(400, { error: 'The signature does not match this payload.' });
  }
  const problem = malformedEventProblem(event);
  if (problem) return json(400, { error: problem });
  try {
    const outcome = await receiveStripeEvent(ctx, event);
    // Being handled by another instance right now: ask Stripe to come back, so the event is
    // retried if that instance fails. Every other outcome is final.
    if (outcome === 'in-progress') return json(409, { received: true, outcome });
    return json(200, { received: true, outcome });
  } catch (error) {
    log().error({ err: error, stripeEvent: event.id, stripeEventType: event.type }, `Stripe event ${event.id} (${event.type}) failed`);
    return json(500, { error: 'Processing failed; Stripe will retry.' });
  }
};
