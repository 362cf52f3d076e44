// A whole server for the hostile-input tests: scripts/serve.ts on the integration build, its
// mail going to a real SMTP listener, its payments to the Stripe double, its data in PGlite
// (a temporary DATA_DIR) or, with TEST_DATABASE_URL, in a fresh PostgreSQL database.
//
// snapshot() fingerprints every table. On PostgreSQL it reads the database beside the running
// server. PGlite is one process's database (the server holds DATA_DIR), so there snapshot()
// stops the server, opens DATA_DIR itself, and starts the server again on the same port:
// slow (a few seconds), so the PGlite pass takes one snapshot before and one after. The
// server runs on this test run's integration build (see site-server.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, type Db } from '../../../db/client.ts';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../mail-catcher.ts';
import { ensureIntegrationSite, startSiteServer, type SiteServer } from '../site-server.ts';
import { DEFAULT_PRICES, appEnvForDouble, startStripeDouble, type StripeDouble } from '../stripe-double/index.ts';
import { freshDatabase, type TestDatabase } from '../test-db.ts';
import { TEST_STRIPE_SECRET_KEY, TEST_STRIPE_WEBHOOK_SECRET } from '../test-site.ts';
import { snapshotTables, type TableSnapshot } from './table-snapshot.ts';

export interface HostileSitePorts {
  server: number;
  smtp: number;
  stripe: number;
}

export interface HostileSite {
  url: string;
  /** 'postgres': snapshot() is cheap and can run around each property. */
  kind: 'pglite' | 'postgres';
  server(): SiteServer;
  mail: CaughtMail[];
  double: StripeDouble;
  snapshot(): Promise<TableSnapshot>;
  /**
   * Runs `work` on the server's own database (to arrange what no form can, such as a session of
   * an unconfirmed account). On PGlite the server is stopped meanwhile and started again.
   */
  withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startHostileSite(ports: HostileSitePorts): Promise<HostileSite> {
  const outDir = await ensureIntegrationSite();
  const mail: CaughtMail[] = [];
  const catcher: MailCatcher = await startMailCatcher({ port: ports.smtp, onMail: (m) => mail.push(m) });
  const url = `http://127.0.0.1:${ports.server}`;
  const double = await startStripeDouble({ port: ports.stripe, webhookUrl: `${url}/api/stripe/webhook`, webhookSecret: TEST_STRIPE_WEBHOOK_SECRET, prices: DEFAULT_PRICES });
  const postgres: TestDatabase | undefined = process.env.TEST_DATABASE_URL ? await freshDatabase() : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-hostile-'));
  const dataDir = path.join(dir, 'data');
  const env = {
    ...(postgres ? { DATABASE_URL: postgres.url! } : { DATA_DIR: dataDir }),
    ...appEnvForDouble(double, { secretKey: TEST_STRIPE_SECRET_KEY, webhookSecret: TEST_STRIPE_WEBHOOK_SECRET }),
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
    TRUST_PROXY: 'true',
  };
  const start = () => startSiteServer({ port: ports.server, env, outDir });
  let server = await start();

  async function withPglite<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const code = await server.stop();
    if (code !== 0) throw new Error(`The server exited with ${code} when stopped:\n${server.output()}`);
    const database = await openPglite(path.join(dataDir, 'db')); // where the server keeps it (README: DATA_DIR/db)
    try {
      return await work(database.db);
    } finally {
      await database.close();
      server = await start();
    }
  }
  const snapshotPglite = () => withPglite(snapshotTables);

  return {
    url,
    kind: postgres ? 'postgres' : 'pglite',
    server: () => server,
    mail,
    double,
    snapshot: () => (postgres ? snapshotTables(postgres.db) : snapshotPglite()),
    withDatabase: (work) => (postgres ? work(postgres.db) : withPglite(work)),
    async close() {
      await server.stop();
      await Promise.allSettled([double.stop(), catcher.close(), postgres?.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
