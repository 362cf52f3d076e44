// `npm run demo`: the site with payments going to the built-in Stripe double (a local
// stand-in for Stripe's API, hosted checkout and customer portal), and a "test mode" banner
// on every page. For trying the Club and credit packs without a Stripe account. Never in
// production.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { appEnvForDouble, DEFAULT_PRICES, startStripeDouble } from '../tests/support/stripe-double/index.ts';
import { SERVER_NODE_FLAGS } from './server-node-flags.ts';

if (process.env.NODE_ENV === 'production') {
  console.error('npm run demo refuses to run with NODE_ENV=production: it takes no real payments. Configure the STRIPE_* settings and use npm start.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 4321);
const webhookSecret = 'whsec_demo_masthead';
const double = await startStripeDouble({
  port: Number(process.env.STRIPE_DOUBLE_PORT ?? 4329),
  webhookUrl: `http://127.0.0.1:${port}/api/stripe/webhook`,
  webhookSecret,
  prices: DEFAULT_PRICES,
});
console.log(`Stripe double (test mode) on ${double.url}`);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(import.meta.dirname, 'serve.ts')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: String(port),
    SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}`,
    MASTHEAD_DEMO_PAYMENTS: 'true',
    ...appEnvForDouble(double, { secretKey: 'sk_test_demo_masthead', webhookSecret }),
  },
});

const stop = async (code: number) => {
  server.kill('SIGTERM');
  await double.stop().catch(() => {});
  process.exit(code);
};
server.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
