// Builds the database Masthead runs on from what it is given: a PostgreSQL URL, a PGlite
// data folder, or nothing (PGlite in memory, for tests). One schema, one dialect for all.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { DEFAULT_SHARED_BUFFERS_MB, pgliteStartParams } from './pglite-settings.ts';
import { countPgliteWrites } from './pglite-writes.ts';
import { snapshotPglite } from './pglite-snapshot.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder, "memory" or the server's host. */
  location: string;
  close(): Promise<void>;
  /** PostgreSQL only: the postgres.js client, for LISTEN/NOTIFY between instances
   * (src/server/content/content-channel.ts). Queries go through `db`. */
  postgresClient?: postgres.Sql;
  /**
   * PGlite only: a number that changes with every write made to it (db/pglite-writes.ts), so
   * a kept read can be known to be current.
   */
  writeCount?: () => number;
  /** PGlite in a data folder only: a consistent copy of the folder, as a tar (db/pglite-snapshot.ts). */
  snapshot?: () => Promise<Blob>;
}

/**
 * Pool settings for a database that may go away and come back.
 * - backoff: postgres.js waits before reconnecting a connection that failed, and the queries
 *   queued for it wait too. Its default grows with every failure in the pool (3^n / 100 s, up
 *   to 20 s), so under traffic during an outage requests hung for many seconds, and stayed
 *   slow after the database was back. Capped at half a second: a request then gets the 503
 *   page quickly while the database is away, and normal pages as soon as it returns.
 * - connect_timeout: a database that does not answer at all (no refusal) costs 10 s at most
 *   (not less: on a busy machine a healthy connection can take seconds to start).
 * - idle_timeout, keep_alive: a connection that died silently (no reset ever arrives) is not
 *   handed out again forever: idle ones close after 30 s, and TCP keep-alive probes a quiet
 *   socket after 30 s. postgres.js's own max_lifetime (a random 30 to 60 minutes) stays.
 */
export const POSTGRES_POOL_OPTIONS = {
  idle_timeout: 30,
  keep_alive: 30,
  connect_timeout: 10,
  backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 0.5),
};

export function openPostgres(url: string, maxConnections = 10): Database {
  const client = postgres(url, { max: maxConnections, onnotice: () => {}, ...POSTGRES_POOL_OPTIONS });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return 'PostgreSQL';
    }
  })();
  return { db, kind: 'postgres', location: host, postgresClient: client, close: () => client.end({ timeout: 5 }) };
}

export async function openPglite(dataDir: string): Promise<Database> {
  const dir = path.resolve(dataDir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const release = acquireDataDirLock(`${dir}.lock`);
  try {
    const client = await PGlite.create(dir, { startParams: pgliteStartParams(sharedBuffersMb()) });
    const writeCount = countPgliteWrites(client);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: dir,
      writeCount,
      snapshot: () => snapshotPglite(client),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openPgliteInMemory(from?: PGlite): Promise<Database & { client: PGlite }> {
  // clone() is typed as the generic interface; it returns a PGlite like its source.
  const client = from ? ((await from.clone()) as PGlite) : await PGlite.create();
  const writeCount = countPgliteWrites(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, client, kind: 'pglite', location: 'memory', writeCount, close: () => client.close() };
}

/** PGLITE_SHARED_BUFFERS_MB, a whole number of megabytes from 1; the default otherwise. */
function sharedBuffersMb(): number {
  const raw = process.env.PGLITE_SHARED_BUFFERS_MB;
  if (raw === undefined || raw === '') return DEFAULT_SHARED_BUFFERS_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1) throw new Error(`PGLITE_SHARED_BUFFERS_MB must be a whole number of megabytes from 1, not "${raw}"`);
  return mb;
}
