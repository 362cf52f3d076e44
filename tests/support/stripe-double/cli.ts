// Demo mode: run the Stripe double on its own and print the environment that points Masthead
// at it. Test mode only: its pages say so, and no money moves.
//
//   STRIPE_DOUBLE_WEBHOOK_URL=<the app's address>/api/stripe/webhook \
//   npm exec -- node tests/support/stripe-double/cli.ts
//
// Optional: STRIPE_DOUBLE_PORT (default 12111), STRIPE_WEBHOOK_SECRET (default whsec_demo_double),
// STRIPE_DOUBLE_PUBLIC_URL (the double's address as the browser sees it).
import { DEFAULT_PRICES, startStripeDouble } from './index.ts';

const webhookUrl = process.env['STRIPE_DOUBLE_WEBHOOK_URL'];
if (!webhookUrl) {
  console.error('Set STRIPE_DOUBLE_WEBHOOK_URL to the app’s Stripe webhook endpoint (the app’s address followed by /api/stripe/webhook).');
  process.exit(2);
}
const webhookSecret = process.env['STRIPE_WEBHOOK_SECRET'] || 'whsec_demo_double';
const publicUrl = process.env['STRIPE_DOUBLE_PUBLIC_URL'];
const double = await startStripeDouble({
  port: Number(process.env['STRIPE_DOUBLE_PORT'] || 12111),
  webhookUrl,
  webhookSecret,
  prices: DEFAULT_PRICES,
  ...(publicUrl ? { publicUrl } : {}),
});

console.log(`Stripe double (TEST MODE, no real payment) on ${double.url}, webhooks to ${webhookUrl}`);
console.log('Point Masthead at it with:');
for (const [name, value] of [
  ['STRIPE_SECRET_KEY', 'sk_test_demo_double'],
  ['STRIPE_WEBHOOK_SECRET', webhookSecret],
  ['STRIPE_API_HOST', double.host],
  ['STRIPE_API_PORT', String(double.port)],
  ['STRIPE_API_PROTOCOL', 'http'],
  ['STRIPE_PRICE_CLUB_MONTHLY', 'price_club_monthly'],
  ['STRIPE_PRICE_CLUB_YEARLY', 'price_club_yearly'],
  ['STRIPE_PRICE_CREDITS_5', 'price_credits_5'],
  ['STRIPE_PRICE_CREDITS_20', 'price_credits_20'],
] as const) {
  console.log(`  ${name}=${value}`);
}

const shutdown = () => {
  double.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
