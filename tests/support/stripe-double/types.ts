// The shapes the Stripe double stores and sends: the parts of Stripe's objects that Masthead
// reads, with Stripe's field names, id prefixes, unix-second timestamps and `livemode: false`.

export type Interval = 'month' | 'year';

export interface PriceSpec {
  product: string;
  /** In the currency's smallest unit (cents). */
  unitAmount: number;
  currency: string;
  /** Set for a recurring price (subscriptions); absent for a one-time price (credit packs). */
  interval?: Interval;
}

export type PriceTable = Record<string, PriceSpec>;
export type Metadata = Record<string, string>;

export interface PriceObject {
  id: string;
  object: 'price';
  active: true;
  currency: string;
  livemode: false;
  /** A product id (prod_…) made from the price id; the product's name is in `nickname`. */
  product: string;
  nickname: string;
  type: 'recurring' | 'one_time';
  unit_amount: number;
  recurring: { interval: Interval; interval_count: 1 } | null;
}

export interface CustomerObject {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  metadata: Metadata;
  livemode: false;
}

export interface LineItemObject {
  id: string;
  object: 'item';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  description: string;
  price: PriceObject;
  quantity: number;
}

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: false;
  url: string;
}

export type CheckoutMode = 'subscription' | 'payment';

export interface CheckoutSessionObject {
  id: string;
  object: 'checkout.session';
  url: string | null;
  mode: CheckoutMode;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  customer: string | CustomerObject | null;
  customer_email: string | null;
  customer_details: { email: string | null } | null;
  client_reference_id: string | null;
  metadata: Metadata;
  subscription: string | SubscriptionObject | null;
  invoice: string | InvoiceObject | null;
  payment_intent: string | PaymentIntentObject | null;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  success_url: string;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  livemode: false;
  line_items?: ListObject<LineItemObject>;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'canceled';

export interface SubscriptionItemObject {
  id: string;
  object: 'subscription_item';
  created: number;
  price: PriceObject;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
}

export interface SubscriptionObject {
  id: string;
  object: 'subscription';
  customer: string | CustomerObject;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  metadata: Metadata;
  created: number;
  start_date: number;
  billing_cycle_anchor: number;
  /** Current API versions keep the period on the item; the double also keeps it here. */
  current_period_start: number;
  current_period_end: number;
  latest_invoice: string | InvoiceObject | null;
  collection_method: 'charge_automatically';
  currency: string;
  livemode: false;
  items: ListObject<SubscriptionItemObject> & { total_count: number };
}

export interface InvoiceObject {
  id: string;
  object: 'invoice';
  customer: string;
  status: 'paid' | 'open';
  billing_reason: 'subscription_create' | 'subscription_cycle';
  /** Older API versions' field; current versions put it under `parent`. */
  subscription: string;
  parent: {
    type: 'subscription_details';
    subscription_details: { subscription: string; metadata: Metadata };
  };
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  currency: string;
  created: number;
  period_start: number;
  period_end: number;
  livemode: false;
}

export interface PortalSessionObject {
  id: string;
  object: 'billing_portal.session';
  url: string;
  customer: string;
  return_url: string | null;
  created: number;
  livemode: false;
}

/** `processing` while a delayed method (a bank debit) settles; `requires_payment_method` once it failed. */
export type PaymentIntentStatus = 'processing' | 'succeeded' | 'requires_payment_method';

export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  status: PaymentIntentStatus;
  latest_charge: string | ChargeObject | null;
  created: number;
  livemode: false;
}

export interface ChargeObject {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  /** What refunds have given back so far (cumulative). */
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string;
  paid: true;
  status: 'succeeded';
  refunded: boolean;
  disputed: boolean;
  created: number;
  livemode: false;
}

export interface RefundObject {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  /** Card refunds succeed at once in test mode; the double makes no others. */
  status: 'succeeded';
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | null;
  created: number;
}

/** `warning_*`: an inquiry, no funds withdrawn yet; `needs_response`: a chargeback, funds withdrawn. */
export type DisputeStatus = 'warning_needs_response' | 'needs_response';

export interface DisputeObject {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  status: DisputeStatus;
  reason: 'fraudulent' | 'product_not_received' | 'general';
  is_charge_refundable: false;
  created: number;
  livemode: false;
}

export type StripeObject = CustomerObject | CheckoutSessionObject | SubscriptionObject | InvoiceObject | PaymentIntentObject | ChargeObject | RefundObject | DisputeObject;

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
}

export interface Delivery {
  /** The HTTP status the app answered, or 'error' when the connection failed. */
  status: number | 'error';
  /** ISO time of the attempt (wall clock, not the double's `clock`). */
  at: string;
  /** Why a delivery failed, when the app gave no answer. */
  error?: string;
}

export interface SentEvent {
  event: StripeEvent;
  deliveries: Delivery[];
}
