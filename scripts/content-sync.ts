// `npm run content:sync`: takes the content folder (MASTHEAD_CONTENT_DIR, default ./content)
// into the configured database (DATABASE_URL, else the embedded one in DATA_DIR), all or
// nothing: if any file has a problem, every `path:line: message` is printed, nothing is
// written, and the command exits 1. A database behind this version's schema is refused. What it
// changes is announced to running servers, which purge the pages that show it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { pendingMigrations, SchemaBehindError } from '../db/migrate.ts';
import { readServerEnv } from '../src/server/config/server-env.ts';
import { syncContentFolder } from '../src/server/content/content-folder-sync.ts';
import { now } from '../src/server/content/clock.ts';
import { startContentChannel } from '../src/server/content/content-channel.ts';
import { sql } from 'drizzle-orm';

let database: Database | undefined;
let stopChannel: (() => Promise<void>) | undefined;
let exitCode = 0;
try {
  const env = readServerEnv(process.env, { forServer: false });
  if (!existsSync(path.join(env.contentDir, 'articles'))) {
    throw new Error(`${env.contentDir} has no articles/ folder: set MASTHEAD_CONTENT_DIR to the content folder (with sections/, authors/ and articles/).`);
  }
  database = env.databaseUrl ? openPostgres(env.databaseUrl, 2) : await openPglite(path.join(env.dataDir, 'db'));
  const pending = await pendingMigrations(database);
  if (pending > 0) throw new SchemaBehindError(pending);
  // What this sync changes is announced to the running servers (on PostgreSQL, through the
  // content channel), so their cached pages are purged within seconds.
  stopChannel = await startContentChannel(database);
  const started = Date.now();
  const result = await syncContentFolder(database.db, env.contentDir, {
    now: now(),
    mode: 'all-or-nothing',
    log: (line) => console.log(line),
    // Stories compile on the other cores while this thread writes the database.
    compileThreads: availableParallelism() - 1,
  });
  const { saved, unchanged, unpublished, failed } = result.counts;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The planner's statistics follow the archive (after a large import they would be far off),
  // and a vacuumed table lets listings and counts read their index alone (PGlite runs no
  // autovacuum).
  if (result.ok && saved > 0) await database.db.execute(sql`vacuum analyze stories, story_tags, story_authors`);
  if (result.ok) {
    console.log(`Content synced from ${env.contentDir} into ${database.location} in ${seconds} s: ${saved} saved, ${unchanged} unchanged, ${unpublished} unpublished.`);
  } else {
    console.error(`Nothing was written: ${failed} file${failed === 1 ? '' : 's'} in ${env.contentDir} could not be taken in (each problem is listed above). Fix them and run npm run content:sync again.`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`content:sync failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await stopChannel?.().catch(() => {});
  await database?.close();
}
process.exit(exitCode);
