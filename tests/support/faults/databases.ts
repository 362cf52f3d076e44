// The databases a fault test runs a server on: a fresh PostgreSQL database (reached by the
// server through a TCP proxy the test can cut), or an embedded PGlite folder prepared before
// the server starts and opened again after it stopped.
import path from 'node:path';
import { openPglite, type Database } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { freshDatabase, type TestDatabase } from '../test-db.ts';
import { startTcpProxy, type TcpProxy } from '../tcp-proxy.ts';

/** Set to run the PostgreSQL cases; without it they are skipped with this reason printed. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
export const NO_POSTGRES_REASON = 'TEST_DATABASE_URL is not set: the PostgreSQL fault cases are skipped (set it, e.g. postgres://postgres@127.0.0.1:5432/test, to run them)';

export interface ProxiedPostgres {
  /** The test's own handle, straight to PostgreSQL (not through the proxy). */
  direct: TestDatabase;
  proxy: TcpProxy;
  /** The server's DATABASE_URL: the same database, through the proxy. */
  serverUrl: string;
  close(): Promise<void>;
}

export async function proxiedPostgres(proxyPort: number): Promise<ProxiedPostgres> {
  const direct = await freshDatabase();
  if (!direct.url) throw new Error('proxiedPostgres needs TEST_DATABASE_URL');
  const target = new URL(direct.url);
  const proxy = await startTcpProxy({ port: proxyPort, targetHost: target.hostname, targetPort: Number(target.port || 5432) });
  const through = new URL(direct.url);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  return {
    direct,
    proxy,
    serverUrl: through.href,
    async close() {
      await proxy.close();
      await direct.close();
    },
  };
}

/** The embedded database of a DATA_DIR, as the server keeps it (DATA_DIR/db), migrated. */
export async function openDataDir(dataDir: string): Promise<Database> {
  const database = await openPglite(path.join(dataDir, 'db'));
  await migrateDatabase(database);
  return database;
}
