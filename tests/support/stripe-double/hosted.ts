// The hosted pages' routes: Checkout at /pay/:session and the Customer Portal at
// /portal/:session, answering forms with 303 redirects as Stripe's hosted pages do.
import type { Billing } from './billing.ts';
import { parseForm, text } from './form.ts';
import { html, redirect, type Reply, type Request, type Router } from './http.ts';
import { checkoutPage, DECLINED_CARD, notFoundPage, portalPage } from './pages.ts';

export interface HostedOptions {
  /** Wait for the webhooks a form sends before redirecting (default true: deterministic tests). */
  awaitWebhooks: boolean;
}

export function registerHosted(router: Router, billing: Billing, options: HostedOptions): void {
  const { store } = billing;
  const settle = async (work: Promise<unknown>): Promise<void> => {
    if (options.awaitWebhooks) await work;
    else work.catch(() => undefined);
  };
  const successUrl = (url: string, id: string) => url.replaceAll('{CHECKOUT_SESSION_ID}', id);
  const customerOf = (id: string | null | { id: string }) => store.customers.get(typeof id === 'string' ? id : (id?.id ?? ''));

  router.add('GET', '/pay/:session', (req) => {
    const checkout = store.sessions.get(req.params['session'] ?? '');
    if (!checkout) return html(notFoundPage('There is no checkout session with this id.'), 404);
    return html(checkoutPage(checkout, customerOf(checkout.session.customer)));
  });

  router.add('POST', '/pay/:session', async (req): Promise<Reply> => {
    const checkout = store.sessions.get(req.params['session'] ?? '');
    if (!checkout) return html(notFoundPage('There is no checkout session with this id.'), 404);
    const { session } = checkout;
    if (session.status === 'complete') return redirect(successUrl(session.success_url, session.id));
    if (session.status !== 'open') return html(checkoutPage(checkout, customerOf(session.customer)), 410);
    const form = parseForm(req.body);
    const email = text(form, 'email')?.trim() ?? '';
    const card = text(form, 'card') ?? '';
    if (card.replace(/\D/g, '') === DECLINED_CARD) {
      return html(checkoutPage(checkout, customerOf(session.customer), { email, card, declined: true }), 402);
    }
    // "Use a bank debit instead" (one-time payments only): complete now, paid when it settles.
    await settle(billing.pay(checkout, email || null, text(form, 'method') === 'bank_debit'));
    return redirect(successUrl(session.success_url, session.id));
  });

  router.add('GET', '/portal/:session', (req) => {
    const portal = store.portalSessions.get(req.params['session'] ?? '');
    if (!portal) return html(notFoundPage('There is no portal session with this id.'), 404);
    const subs = [...store.subscriptions.values()].map((r) => r.object).filter((s) => s.customer === portal.customer);
    return html(portalPage(portal, store.customers.get(portal.customer), subs.sort((a, b) => b.created - a.created)));
  });

  const portalAction = (cancel: boolean) => async (req: Request): Promise<Reply> => {
    const portal = store.portalSessions.get(req.params['session'] ?? '');
    if (!portal) return html(notFoundPage('There is no portal session with this id.'), 404);
    const record = store.subscriptions.get(text(parseForm(req.body), 'subscription') ?? '');
    if (!record || record.object.customer !== portal.customer) return html(notFoundPage('This customer has no such subscription.'), 404);
    if (record.object.status !== 'canceled' && record.object.cancel_at_period_end !== cancel) {
      await settle(billing.setCancelAtPeriodEnd(record, cancel));
    }
    return redirect(portal.return_url ?? `/portal/${portal.id}`);
  };
  router.add('POST', '/portal/:session/cancel', portalAction(true));
  router.add('POST', '/portal/:session/renew', portalAction(false));
}
