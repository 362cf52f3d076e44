// "Delete my account" for a Club member, through the real server and its forms: the page warns
// that the membership will be cancelled; with Stripe out of reach the account stays and the
// form says why; with Stripe back the membership is cancelled there and the account is gone.
// The server reaches the Stripe double through a TCP proxy that can be cut. PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../support/mail-catcher.ts';
import { getPage, postForm } from '../support/http-forms.ts';
import { signedInReader } from '../support/hostile/signed-in-reader.ts';
import { freePort } from '../support/instances/nginx.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { appEnvForDouble, DEFAULT_PRICES, startStripeDouble, type StripeDouble } from '../support/stripe-double/index.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { freshDatabase, type TestDatabase } from '../support/test-db.ts';

const SECRET_KEY = 'sk_test_account_deletion';
const WEBHOOK_SECRET = 'whsec_test_account_deletion';
const TIMEOUT_MS = 120_000;

let server: SiteServer;
let double: StripeDouble;
let proxy: TcpProxy;
let catcher: MailCatcher;
let postgres: TestDatabase | undefined;
const mail: CaughtMail[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-account-deletion-'));

beforeAll(async () => {
  const outDir = await ensureIntegrationSite();
  const port = await freePort();
  catcher = await startMailCatcher({ port: 0, onMail: (m) => mail.push(m) });
  double = await startStripeDouble({ webhookUrl: `http://127.0.0.1:${port}/api/stripe/webhook`, webhookSecret: WEBHOOK_SECRET, prices: DEFAULT_PRICES });
  proxy = await startTcpProxy({ port: 0, targetPort: double.port });
  postgres = process.env.TEST_DATABASE_URL ? await freshDatabase() : undefined;
  const env = {
    ...(postgres ? { DATABASE_URL: postgres.url! } : { DATA_DIR: path.join(dir, 'data') }),
    ...appEnvForDouble({ host: '127.0.0.1', port: proxy.port }, { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }),
    SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
    TRUST_PROXY: 'true',
  };
  server = await startSiteServer({ port, env, outDir });
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  await Promise.allSettled([proxy?.close(), double?.stop(), catcher?.close(), postgres?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const stripe = () => new Stripe(SECRET_KEY, { host: double.host, port: double.port, protocol: 'http', maxNetworkRetries: 0 });
const deleteForm = (password: string, cookie: string) => postForm(server.url, '/account/data/?_action=deleteMyAccount', { password, confirm: 'on' }, { cookie });
const stillSignedIn = async (cookie: string) => (await getPage(server.url, '/account/', cookie)).status === 200;

/** Joins the monthly Club through the server's form and the double's hosted Checkout; returns the subscription's id. */
async function joinClub(cookie: string): Promise<string> {
  const started = await postForm(server.url, '/club/?_action=joinClub', { plan: 'monthly', next: '/' }, { cookie });
  expect(started.status, await started.text()).toBe(303);
  const from = double.events.length;
  const paid = await fetch(started.headers.get('location') ?? '', { method: 'POST', redirect: 'manual' });
  expect(paid.status).toBe(303);
  await double.waitForDeliveries();
  const created = double.events.slice(from).find((s) => s.event.type === 'customer.subscription.created');
  if (!created) throw new Error('joining the Club created no subscription at the double');
  return (created.event.data.object as { id: string }).id;
}

describe('delete my account, as a Club member', () => {
  test('the form warns that the membership will be cancelled; a reader with none is not warned', async () => {
    const reader = await signedInReader(server.url, mail);
    const before = await (await getPage(server.url, '/account/data/', reader.cookie)).text();
    expect(before).not.toContain('Your Executives Club membership will be cancelled at once');

    await joinClub(reader.cookie);
    const page = await (await getPage(server.url, '/account/data/', reader.cookie)).text();
    expect(page).toContain('Your Executives Club membership will be cancelled at once');
    expect(page).toContain('not be charged again');
    expect(page).toContain('and my Club membership cancelled');
  }, TIMEOUT_MS);

  test('with Stripe out of reach the account stays and the form says so; with Stripe back the membership ends and the account goes', async () => {
    const reader = await signedInReader(server.url, mail);
    const subscriptionId = await joinClub(reader.cookie);

    proxy.cut();
    try {
      const refused = await deleteForm(reader.password, reader.cookie);
      expect(refused.status).toBe(503);
      const text = await refused.text();
      expect(text).toContain('We could not cancel your Executives Club membership with our payment provider just now, so your account has not been deleted. Please try again in a few minutes.');
    } finally {
      proxy.restore();
    }
    expect(await stillSignedIn(reader.cookie)).toBe(true);
    expect((await stripe().subscriptions.retrieve(subscriptionId)).status).toBe('active');

    const deleted = await deleteForm(reader.password, reader.cookie);
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toMatch(/\/account\/deleted\/$/);
    expect((await stripe().subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
    expect(await stillSignedIn(reader.cookie)).toBe(false);
    // The customer.subscription.deleted that followed reached the server, for a reader who is gone.
    await double.waitForDeliveries();
    const sent = double.events.find((s) => s.event.type === 'customer.subscription.deleted' && (s.event.data.object as { id: string }).id === subscriptionId);
    expect(sent?.deliveries.map((d) => d.status)).toEqual([200]);
  }, TIMEOUT_MS);
});
