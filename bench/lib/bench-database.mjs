// A PostgreSQL database of a benchmark's own: created and migrated at the start, dropped on
// every way out (also from an 'exit' handler, which is why dropping runs synchronously).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { openPostgres } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { ROOT, log, onCleanup } from './harness.mjs';

const MIGRATIONS = path.join(ROOT, 'db/migrations');

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

function dropDatabaseSync(adminUrl, name) {
  const code =
    "import postgres from 'postgres';" +
    "const sql = postgres(process.env.BENCH_ADMIN_URL, { max: 1, onnotice() {}, connect_timeout: 10 });" +
    'await sql.unsafe(`drop database if exists "${process.env.BENCH_DB}" with (force)`);' +
    'await sql.end({ timeout: 5 });';
  execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, BENCH_ADMIN_URL: adminUrl, BENCH_DB: name },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 30_000,
  });
}

/**
 * Creates `name` on the server of `adminUrl`, migrates it and runs `seed(db)` if given.
 * Returns its URL, the server's version and `drop()`; it is dropped on exit regardless, unless
 * `keep` (bench:archive --keep), when it stays and `drop()` does nothing.
 */
export async function createBenchDatabase(adminUrl, name, seed, { keep = false } = {}) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  let version;
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    [{ server_version: version }] = await admin.unsafe('show server_version');
  } catch (error) {
    throw new Error(`cannot create the bench database through ${adminUrl} (${error.message}); pass --postgres-url or --skip-postgres`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const drop = () => {
    dropDatabaseSync(adminUrl, name);
    log(`dropped database ${name}`);
  };
  const undo = keep ? () => {} : onCleanup(drop);
  const url = withDatabase(adminUrl, name);
  const database = openPostgres(url, 2);
  try {
    await migrateDatabase(database, MIGRATIONS);
    if (seed) await seed(database.db);
  } finally {
    await database.close();
  }
  log(`PostgreSQL ${version}: database ${name} created and migrated`);
  return {
    name,
    url,
    version,
    drop: () => {
      if (keep) return;
      undo();
      drop();
    },
  };
}
