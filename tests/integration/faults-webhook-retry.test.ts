// A Stripe webhook that failed is retried and processed exactly once. A reader buys a credit
// pack through the real server and the Stripe double; the moment the payment's
// checkout.session.completed is delivered, the server's database is unreachable (the TCP
// proxy in between is cut), so the server answers 503 and the double, as Stripe does, tries
// again later. The database comes back before the retry: the retry is processed, the pack's
// credits arrive in one ledger row, the event is stored once as processed, and a further
// resend of the same event changes nothing.
//
// PostgreSQL only: the embedded database (PGlite) runs inside the server process, so nothing
// short of stopping the server can make it unreachable while the server answers, and a
// stopped server gives Stripe no 500 or 503 at all (faults-crash-unlocks.test.ts covers a
// server killed mid-work). Faking a failure inside the webhook code would test the fake.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { creditLedger, stripeEvents } from '../../db/schema/index.ts';
import { balanceOf } from '../support/reader-factory.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { appEnvForDouble, DEFAULT_PRICES, startStripeDouble, type SentEvent, type StripeDouble } from '../support/stripe-double/index.ts';
import { NO_POSTGRES_REASON, POSTGRES_URL, proxiedPostgres, type ProxiedPostgres } from '../support/faults/databases.ts';
import { send } from '../support/faults/http-client.ts';
import { seedReaders } from '../support/faults/readers.ts';

const SERVER_PORT = 4435;
const DOUBLE_PORT = 4434;
const PROXY_PORT = 4436;
const SECRET_KEY = 'sk_test_faults';
const WEBHOOK_SECRET = 'whsec_test_faults';
/** Long first waits: the test restores the database well before the first retry is due. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000];

/** Resolves when `found()` returns something; polls, since the double records deliveries as they happen. */
async function until<T>(what: string, found: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

if (!POSTGRES_URL) console.warn(`faults-webhook-retry: ${NO_POSTGRES_REASON}`);

describe.skipIf(!POSTGRES_URL)('a webhook that failed while the database was away (PostgreSQL)', () => {
  let site: { outDir: string };
  let pg: ProxiedPostgres;
  let double: StripeDouble;
  let server: SiteServer;

  beforeAll(async () => {
    site = { outDir: await ensureIntegrationSite() };
    pg = await proxiedPostgres(PROXY_PORT);
    double = await startStripeDouble({
      port: DOUBLE_PORT,
      webhookUrl: `http://127.0.0.1:${SERVER_PORT}/api/stripe/webhook`,
      webhookSecret: WEBHOOK_SECRET,
      prices: DEFAULT_PRICES,
      // The hosted page answers at once, as Stripe's does; the webhook follows on its own.
      awaitWebhooks: false,
      webhookRetryDelaysMs: RETRY_DELAYS_MS,
    });
    const env = { DATABASE_URL: pg.serverUrl, TRUST_PROXY: 'true', ...appEnvForDouble(double, { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }) };
    server = await startSiteServer({ port: SERVER_PORT, outDir: site.outDir, env });
  }, SITE_BUILD_TIMEOUT_MS);

  beforeEach(() => onTestFailed(() => console.log(`server output:\n${server?.output().slice(-10_000)}`)));

  afterAll(async () => {
    await server?.stop();
    await double?.stop();
    await pg?.close();
  });

  test('a credit pack paid during the outage is credited once, by the retry', async () => {
    const [reader] = await seedReaders(pg.direct.db, 1, 3);
    const checkout = await send(server.url, '/credits/?_action=buyCredits', { token: reader!.token, form: { pack: 'credits-5', next: '/' } });
    expect(checkout.outcome).toBe(303);
    const payUrl = checkout.headers?.get('location') ?? '';
    expect(payUrl.startsWith(`${double.url}/pay/`), payUrl).toBe(true);
    const sessionId = new URL(payUrl).pathname.split('/').at(-1)!;

    pg.proxy.cut();
    let completed: SentEvent;
    try {
      const paid = await fetch(payUrl, { method: 'POST', body: new URLSearchParams({ email: 'payer@example.test', card: '4242 4242 4242 4242' }), redirect: 'manual' });
      expect(paid.status).toBe(303);
      completed = await until('the first delivery of checkout.session.completed', () =>
        double.events.find((s) => s.event.type === 'checkout.session.completed' && s.deliveries.length > 0),
      );
      // Read straight from PostgreSQL (the test's own connection does not pass the proxy).
      expect(await balanceOf(pg.direct.db, reader!.userId), 'nothing was credited by the failed delivery').toBe(3);
      expect(await pg.direct.db.select().from(stripeEvents).where(eq(stripeEvents.id, completed.event.id))).toEqual([]);
    } finally {
      pg.proxy.restore();
    }
    // The server could not store the event: it said so with a 503, asking Stripe to retry.
    expect(completed.deliveries[0]!.status).toBe(503);

    await double.waitForDeliveries();
    expect(completed.deliveries.at(-1)!.status).toBe(200);
    expect(completed.deliveries.length).toBeGreaterThanOrEqual(2);

    // A resend of an event already processed is acknowledged and changes nothing.
    expect((await fetch(`${double.url}/__double/events/${completed.event.id}/resend`, { method: 'POST' })).status).toBe(200);
    await double.waitForDeliveries();
    expect(completed.deliveries.at(-1)!.status).toBe(200);

    const purchases = await pg.direct.db.select().from(creditLedger).where(and(eq(creditLedger.userId, reader!.userId), eq(creditLedger.reason, 'purchase')));
    expect(purchases).toMatchObject([{ amount: 5, paymentRef: sessionId }]);
    expect(await balanceOf(pg.direct.db, reader!.userId)).toBe(8);
    const stored = await pg.direct.db.select().from(stripeEvents).where(eq(stripeEvents.id, completed.event.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: 'checkout.session.completed', outcome: 'processed' });
    expect(stored[0]!.processedAt).toBeInstanceOf(Date);
  }, 120_000);
});
