// Joining the Club, buying credits and managing billing: each starts a Stripe page and the
// page that posted the form sends the reader there.
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { nextField } from '../lib/auth/form-schemas.ts';
import { billingContext } from '../server/billing/billing-context.ts';
import { startClubCheckout, startCreditCheckout } from '../server/billing/checkout.ts';
import { customerIdOf, isMissingAtStripe } from '../server/billing/customers.ts';
import { findStoryBySlug } from '../server/content/stories.ts';
import { attributedStorySlug } from '../lib/desk/attribution.ts';
import { asAction, requireSignedIn } from './errors.ts';
import { requireVerified } from './require-verified.ts';
import { log } from '../server/log/logger.ts';

async function requireBilling() {
  const ctx = await billingContext();
  if (!ctx) throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'Payments are not set up on this server, so nothing can be bought here yet.' });
  return ctx;
}

function paymentProviderDown(error: unknown): never {
  log().error({ err: error }, 'Stripe request failed');
  throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'We could not reach our payment provider. Nothing was charged; please try again in a moment.' });
}

export const joinClub = defineAction({
  accept: 'form',
  input: z.object({ plan: z.enum(['monthly', 'yearly'], { error: 'Choose the monthly or the yearly plan.' }), next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireVerified(requireSignedIn(ctx.locals.user));
    const billing = await requireBilling();
    const storySlug = await attributedStorySlug(input.next, findStoryBySlug);
    try {
      return { url: await startClubCheckout(billing, user, input.plan, input.next, storySlug) };
    } catch (error) {
      return paymentProviderDown(error);
    }
  }),
});

export const buyCredits = defineAction({
  accept: 'form',
  input: z.object({ pack: z.enum(['credits-5', 'credits-20'], { error: 'Choose a credit pack.' }), next: nextField }),
  handler: (input, ctx) => asAction(async () => {
    const user = requireVerified(requireSignedIn(ctx.locals.user));
    const billing = await requireBilling();
    try {
      return { url: await startCreditCheckout(billing, user, input.pack, input.next) };
    } catch (error) {
      return paymentProviderDown(error);
    }
  }),
});

export const manageBilling = defineAction({
  accept: 'form',
  input: z.object({}),
  handler: (_input, ctx) => asAction(async () => {
    const user = requireSignedIn(ctx.locals.user);
    const billing = await requireBilling();
    const customer = await customerIdOf(billing.db, user.id);
    if (!customer) throw new ActionError({ code: 'NOT_FOUND', message: 'There is no billing account for you yet: nothing has been bought.' });
    try {
      const session = await billing.stripe.billingPortal.sessions.create({ customer, return_url: new URL('/account/', billing.siteUrl).href });
      return { url: session.url };
    } catch (error) {
      if (isMissingAtStripe(error)) throw new ActionError({ code: 'NOT_FOUND', message: 'Our payment provider has no billing account for you any more. Nothing is being charged.' });
      return paymentProviderDown(error);
    }
  }),
});
