// One server (scripts/serve.ts on the integration build) whose database is given what a test
// needs before the server starts (readers with their sessions, written directly, as Epic
// Stack's login fixture does), and whose clock the test holds still and moves
// (MASTHEAD_CLOCK_FILE, src/server/content/clock.ts). On PGlite in a temporary DATA_DIR, or
// with TEST_DATABASE_URL on a fresh PostgreSQL database. Ports come from the system.
//
//   const { site, seeded } = await startSeededSite('label', async (db, now) => makeReaders(db, now));
//   site.clock.advance(61_000);
//   await site.stop();
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, type Database, type Db } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { ensureIntegrationSite, startSiteServer, type SiteServer } from './site-server.ts';
import { freePort } from './instances/nginx.ts';
import { createSharedPostgres, type SharedPostgres } from './instances/postgres-database.ts';

export interface SiteClock {
  now(): Date;
  /** Moves the server's time on by `ms` (it reads the file on every request). */
  advance(ms: number): Date;
}

export interface SeededSite {
  url: string;
  server: SiteServer;
  kind: 'pglite' | 'postgres';
  clock: SiteClock;
  stop(): Promise<void>;
}

export interface SeededSiteOptions {
  /** Merged over the server's environment (e.g. MASTHEAD_CONTENT_DIR, MASTHEAD_ROOT). */
  env?: Record<string, string>;
  /** The clock's first reading; default: now, to the second. */
  startAt?: Date;
}

/** Seeds a fresh, migrated database with `seed` (at the clock's first time), then starts a server on it. */
export async function startSeededSite<T>(label: string, seed: (db: Db, now: Date) => Promise<T>, options: SeededSiteOptions = {}): Promise<{ site: SeededSite; seeded: T }> {
  await ensureIntegrationSite();
  const dir = mkdtempSync(path.join(os.tmpdir(), `masthead-${label}-`));
  const clockFile = path.join(dir, 'now');
  let time = options.startAt ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const setClock = (to: Date) => {
    time = to;
    writeFileSync(clockFile, to.toISOString());
    return to;
  };
  setClock(time);
  const clock: SiteClock = { now: () => time, advance: (ms) => setClock(new Date(time.getTime() + ms)) };

  const serverUrl = process.env.TEST_DATABASE_URL;
  let postgres: SharedPostgres | undefined;
  let server: SiteServer | undefined;
  const stop = async () => {
    await server?.stop();
    await postgres?.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const dataDir = path.join(dir, 'data');
    postgres = serverUrl ? await createSharedPostgres(serverUrl, label.replace(/\W/g, '_')) : undefined;
    // The server's own place for its embedded database (README: DATA_DIR/db); closed before it starts.
    const database: Database = postgres ? openPostgres(postgres.url, 1) : await openPglite(path.join(dataDir, 'db'));
    let seeded: T;
    try {
      if (!postgres) await migrateDatabase(database);
      seeded = await seed(database.db, time);
    } finally {
      await database.close();
    }
    server = await startSiteServer({
      port: await freePort(),
      env: {
        // DATA_DIR on PostgreSQL too: the outbox (no SMTP_URL) goes there, not into the project.
        DATA_DIR: dataDir,
        ...(postgres ? { DATABASE_URL: postgres.url } : {}),
        MASTHEAD_CLOCK_FILE: clockFile,
        TRUST_PROXY: 'true',
        ...options.env,
      },
    });
    const site: SeededSite = { url: server.url, server, kind: postgres ? 'postgres' : 'pglite', clock, stop };
    return { site, seeded };
  } catch (error) {
    await stop();
    throw error;
  }
}
