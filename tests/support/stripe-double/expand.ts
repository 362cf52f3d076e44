// Stripe's `expand[]`: ids in an answer replaced by the objects they name, a dot for deeper
// levels (`subscription.latest_invoice`); a field that cannot be expanded is a 400, as at Stripe.
import { StripeError } from './http.ts';
import type { Store } from './store.ts';

type Loose = Record<string, unknown>;

const EXPANDABLE = new Set(['customer', 'subscription', 'invoice', 'latest_invoice', 'line_items', 'payment_intent', 'latest_charge', 'charge']);

function lookup(store: Store, owner: Loose, field: string, id: string): Loose | undefined {
  switch (field) {
    case 'customer':
      return store.customers.get(id) as Loose | undefined;
    case 'subscription':
      return store.subscriptions.get(id)?.object as Loose | undefined;
    case 'invoice':
    case 'latest_invoice':
      return store.invoices.get(id) as Loose | undefined;
    case 'payment_intent':
      return store.paymentIntents.get(id) as Loose | undefined;
    case 'latest_charge':
    case 'charge':
      return store.charges.get(id) as Loose | undefined;
    case 'line_items':
      return owner['object'] === 'checkout.session' ? (store.sessions.get(id)?.lineItems as Loose | undefined) : undefined;
    default:
      return undefined;
  }
}

function expandPath(store: Store, owner: Loose, path: string[], full: string): void {
  const [field, ...rest] = path;
  if (!field) return;
  if (!EXPANDABLE.has(field)) throw new StripeError(400, `This property cannot be expanded (${full}).`, { param: 'expand' });
  // line_items is not a field of a session until expanded; it is looked up by the session's id.
  const value = field === 'line_items' ? (owner[field] ?? owner['id']) : owner[field];
  if (value === null) return;
  let target: Loose | undefined;
  if (typeof value === 'string') target = lookup(store, owner, field, value);
  else if (typeof value === 'object') target = value as Loose;
  if (!target) throw new StripeError(400, `This property cannot be expanded (${full}).`, { param: 'expand' });
  const copy = typeof value === 'string' ? structuredClone(target) : target;
  owner[field] = copy;
  if (rest.length > 0) expandPath(store, copy, rest, full);
}

/** A copy of `object` with each path in `paths` expanded. */
export function expand<T extends object>(store: Store, object: T, paths: string[]): T {
  const copy = structuredClone(object) as unknown as Loose;
  for (const path of paths) expandPath(store, copy, path.split('.'), path);
  return copy as unknown as T;
}
