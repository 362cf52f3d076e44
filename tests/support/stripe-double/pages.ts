// The HTML of the double's hosted pages (Checkout and the Customer Portal): plain, accessible
// forms under a banner that says no real payment is taken.
import type { CheckoutRecord } from './store.ts';
import type { CustomerObject, PortalSessionObject, PriceObject, SubscriptionObject } from './types.ts';

export const DECLINED_CARD = '4000000000000002';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

function priceLabel(price: PriceObject): string {
  const amount = money(price.unit_amount, price.currency);
  return price.recurring ? `${amount} per ${price.recurring.interval}` : amount;
}

function date(seconds: number): string {
  const d = new Date(seconds * 1000);
  const label = d.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  return `<time datetime="${d.toISOString()}">${label}</time>`;
}

export function layout(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Test mode</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f6f4; }
  .banner { margin: 0; padding: .75rem 1rem; background: #ffd84d; color: #1a1a1a; font-weight: 600; text-align: center; border-bottom: 2px solid #1a1a1a; }
  main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #ccc; border-radius: .5rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; } dd { margin: 0; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #767676; border-radius: .25rem; }
  button { font: inherit; margin-top: 1rem; padding: .6rem 1.4rem; border: 0; border-radius: .25rem; background: #1d4ed8; color: #fff; cursor: pointer; }
  button.secondary { background: #b91c1c; }
  :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
  .hint { color: #4a4a4a; font-size: .9rem; margin: .25rem 0 0; }
  .error { color: #b91c1c; font-weight: 600; }
  article { border-top: 1px solid #ddd; padding-top: 1rem; margin-top: 1rem; }
</style>
</head>
<body>
<p class="banner" role="note">Test mode: no real payment. This page is Masthead's Stripe double, not Stripe.</p>
<main>
${main}
</main>
</body>
</html>`;
}

export function notFoundPage(what: string): string {
  return layout('Not found', `<h1>Not found</h1>\n<p>${escapeHtml(what)}</p>`);
}

export function checkoutPage(checkout: CheckoutRecord, customer: CustomerObject | undefined, state: { email?: string; card?: string; declined?: boolean } = {}): string {
  const { session, lineItems } = checkout;
  const item = lineItems.data[0];
  const product = item?.description ?? 'Purchase';
  const summary = `<h1>${session.mode === 'subscription' ? 'Subscribe to' : 'Buy'} ${escapeHtml(product)}</h1>
<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Order summary</h2>
<dl>
  <dt>Product</dt><dd>${escapeHtml(product)}</dd>
  ${item ? `<dt>Price</dt><dd>${escapeHtml(priceLabel(item.price))}</dd>` : ''}
  ${item?.price.recurring ? `<dt>Billed</dt><dd>Every ${item.price.recurring.interval}, until cancelled</dd>` : ''}
  ${item && item.quantity > 1 ? `<dt>Quantity</dt><dd>${item.quantity}</dd>` : ''}
  <dt>Total due today</dt><dd>${escapeHtml(money(session.amount_total, session.currency))}</dd>
</dl>
</section>`;
  if (session.status === 'complete') {
    const next = session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);
    return layout(`Paid: ${product}`, `${summary}\n<p>This checkout session is already paid.</p>\n<p><a href="${escapeHtml(next)}">Return to the site</a></p>`);
  }
  if (session.status === 'expired') return layout(`Expired: ${product}`, `${summary}\n<p>This checkout session has expired.</p>`);
  const email = state.email ?? customer?.email ?? session.customer_email ?? '';
  const card = state.card ?? '4242 4242 4242 4242';
  const cardError = state.declined ? `<p id="card-error" class="error" role="alert">Your card was declined. (Test card ${DECLINED_CARD} is always declined.)</p>` : '';
  const form = `<form method="post" action="/pay/${escapeHtml(session.id)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(email)}">
  <label for="card">Card number</label>
  <input id="card" name="card" inputmode="numeric" autocomplete="cc-number" value="${escapeHtml(card)}" aria-describedby="card-hint${state.declined ? ' card-error' : ''}"${state.declined ? ' aria-invalid="true"' : ''}>
  <p id="card-hint" class="hint">Any card number is accepted except ${DECLINED_CARD}, which is declined. Nothing is charged.</p>
  ${cardError}
  <button type="submit">Pay</button>
  ${session.mode === 'payment' ? '<button type="submit" name="method" value="bank_debit" style="margin-left: .5rem">Use a bank debit instead (settles later)</button>' : ''}
</form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : ''}`;
  return layout(`Pay: ${product}`, `${summary}\n${form}`);
}

function statusLabel(sub: SubscriptionObject): string {
  if (sub.status === 'canceled') return 'Canceled';
  if (sub.status === 'past_due') return 'Past due: the last payment failed';
  return sub.cancel_at_period_end ? 'Active, cancels at the end of the period' : 'Active';
}

export function portalPage(portal: PortalSessionObject, customer: CustomerObject | undefined, subscriptions: SubscriptionObject[]): string {
  const rows = subscriptions.map((sub, i) => {
    const price = sub.items.data[0]?.price;
    const heading = `sub-${i}-name`;
    const live = sub.status !== 'canceled';
    const periodLabel = !live ? 'Ended' : sub.cancel_at_period_end ? 'Ends on' : 'Renews on';
    const periodDate = !live ? date(sub.ended_at ?? sub.current_period_end) : date(sub.current_period_end);
    const action = (path: string, label: string, cls = '') => `<form method="post" action="/portal/${escapeHtml(portal.id)}/${path}">
  <input type="hidden" name="subscription" value="${escapeHtml(sub.id)}">
  <button type="submit"${cls ? ` class="${cls}"` : ''} aria-describedby="${heading}">${label}</button>
</form>`;
    return `<article aria-labelledby="${heading}">
<h3 id="${heading}">${escapeHtml(price?.nickname ?? sub.id)}</h3>
<dl>
  <dt>Status</dt><dd>${statusLabel(sub)}</dd>
  ${price ? `<dt>Price</dt><dd>${escapeHtml(priceLabel(price))}</dd>` : ''}
  <dt>${periodLabel}</dt><dd>${periodDate}</dd>
</dl>
${live && !sub.cancel_at_period_end ? action('cancel', 'Cancel plan', 'secondary') : ''}
${live && sub.cancel_at_period_end ? action('renew', 'Renew plan') : ''}
</article>`;
  });
  const who = customer?.email ? `<p>Billing for ${escapeHtml(customer.email)}</p>` : '';
  const back = portal.return_url ? `<p><a href="${escapeHtml(portal.return_url)}">Return to site</a></p>` : '';
  return layout('Manage billing', `<h1>Manage billing</h1>
${who}
<section aria-labelledby="subs-heading">
<h2 id="subs-heading">Subscriptions</h2>
${rows.length ? rows.join('\n') : '<p>No subscriptions.</p>'}
</section>
${back}`);
}
