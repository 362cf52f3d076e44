// One built server on one database, with readers seeded before it starts: PGlite in a data
// folder of its own, or a PostgreSQL database of its own (created, migrated, dropped on exit).
import path from 'node:path';
import { createBenchDatabase } from './bench-database.mjs';
import { startServer } from './harness.mjs';
import { preparePgliteDataDir } from './seed-readers.mjs';

export const DEFAULT_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * `seed(db)` runs against the migrated database before the server opens it; its result comes
 * back as `seeded`. The server runs as shipped (anonymous cache 60 s) unless `env` says
 * otherwise, with TRUST_PROXY so load can vary X-Forwarded-For, and no SMTP (outbox in DATA_DIR).
 */
export async function startSeededServer({ kind, label, outDir, workDir, port, postgresUrl = DEFAULT_POSTGRES_URL, seed, env = {}, nodeArgs }) {
  const dataDir = path.join(workDir, `data-${label}`);
  let seeded;
  let database;
  if (kind === 'pglite') {
    seeded = await preparePgliteDataDir(dataDir, seed);
    database = { kind, version: 'PGlite', url: '' };
  } else {
    const pg = await createBenchDatabase(postgresUrl, `masthead_bench_${label.replace(/\W/g, '_')}_${process.pid}`, async (db) => {
      seeded = await seed(db);
    });
    database = { kind, version: `PostgreSQL ${pg.version.split(' ')[0]}`, url: pg.url, drop: pg.drop };
  }
  const server = await startServer({
    label,
    outDir,
    port,
    nodeArgs,
    env: { ANONYMOUS_CACHE_SECONDS: '60', TRUST_PROXY: 'true', SMTP_URL: '', DATA_DIR: dataDir, DATABASE_URL: database.url, ...env },
  });
  return { server, database, seeded, dataDir };
}
