// The embedded-database counterpart of faults-webhook-retry.test.ts. PGlite lives inside the
// server process, so it cannot be unreachable while the server answers (no honest 500 or 503
// to provoke); the failure that can happen is the server being down when Stripe delivers. A
// reader starts buying a credit pack, the server stops, the payment's webhook finds nobody
// listening, the server starts again on the same DATA_DIR, and Stripe's retry is processed:
// the credits arrive once and the event is stored once as processed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { creditLedger, stripeEvents } from '../../db/schema/index.ts';
import { balanceOf } from '../support/reader-factory.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { appEnvForDouble, DEFAULT_PRICES, startStripeDouble, type SentEvent, type StripeDouble } from '../support/stripe-double/index.ts';
import { openDataDir } from '../support/faults/databases.ts';
import { send } from '../support/faults/http-client.ts';
import { seedReaders } from '../support/faults/readers.ts';

const SERVER_PORT = 4439;
const WEBHOOK_SECRET = 'whsec_test_faults_pglite';
/** Over a minute of retries in all: far longer than a restart takes. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000, 32_000];

describe('a webhook delivered while the PGlite server was down', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-faults-webhook-'));
  let site: { outDir: string };
  let double: StripeDouble;
  let server: SiteServer | undefined;

  beforeAll(async () => {
    site = { outDir: await ensureIntegrationSite() };
    // Port 0: the double's address reaches the server through its environment, so any free port does.
    double = await startStripeDouble({
      webhookUrl: `http://127.0.0.1:${SERVER_PORT}/api/stripe/webhook`,
      webhookSecret: WEBHOOK_SECRET,
      prices: DEFAULT_PRICES,
      awaitWebhooks: false,
      webhookRetryDelaysMs: RETRY_DELAYS_MS,
    });
  }, SITE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.stop();
    await double?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('is retried once the server is back, and credits the pack once', async () => {
    const seeding = await openDataDir(dir);
    const [reader] = await seedReaders(seeding.db, 1, 3);
    await seeding.close();
    const env = { DATA_DIR: dir, TRUST_PROXY: 'true', ...appEnvForDouble(double, { secretKey: 'sk_test_faults', webhookSecret: WEBHOOK_SECRET }) };
    server = await startSiteServer({ port: SERVER_PORT, outDir: site.outDir, env });

    const checkout = await send(server.url, '/credits/?_action=buyCredits', { token: reader!.token, form: { pack: 'credits-5', next: '/' } });
    expect(checkout.outcome).toBe(303);
    const payUrl = checkout.headers?.get('location') ?? '';
    const sessionId = new URL(payUrl).pathname.split('/').at(-1)!;
    expect(await server.stop()).toBe(0);

    const paid = await fetch(payUrl, { method: 'POST', body: new URLSearchParams({ email: 'payer@example.test', card: '4242 4242 4242 4242' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    let completed: SentEvent | undefined;
    for (const deadline = Date.now() + 30_000; !completed; await new Promise((resolve) => setTimeout(resolve, 10))) {
      completed = double.events.find((s) => s.event.type === 'checkout.session.completed' && s.deliveries.length > 0);
      if (Date.now() > deadline) throw new Error('the double never tried to deliver checkout.session.completed');
    }
    expect(completed.deliveries[0]!.status, 'nobody was listening').toBe('error');

    server = await startSiteServer({ port: SERVER_PORT, outDir: site.outDir, env });
    await double.waitForDeliveries();
    expect(completed.deliveries.at(-1)!.status).toBe(200);
    expect(await server.stop()).toBe(0);

    const database = await openDataDir(dir);
    try {
      const purchases = await database.db.select().from(creditLedger).where(and(eq(creditLedger.userId, reader!.userId), eq(creditLedger.reason, 'purchase')));
      expect(purchases).toMatchObject([{ amount: 5, paymentRef: sessionId }]);
      expect(await balanceOf(database.db, reader!.userId)).toBe(8);
      const stored = await database.db.select().from(stripeEvents).where(eq(stripeEvents.id, completed.event.id));
      expect(stored).toMatchObject([{ type: 'checkout.session.completed', outcome: 'processed' }]);
    } finally {
      await database.close();
    }
  }, 150_000);
});
