// `npm run db:migrate`: applies the SQL migrations in db/migrations to the configured
// database (DATABASE_URL, else the embedded one in DATA_DIR).
import path from 'node:path';
import { openPglite, openPostgres } from '../db/client.ts';
import { migrateDatabase, pendingMigrations } from '../db/migrate.ts';
import { readServerEnv } from '../src/server/config/server-env.ts';

try {
  const env = readServerEnv(process.env, { forServer: false });
  const database = env.databaseUrl ? openPostgres(env.databaseUrl, 1) : await openPglite(path.join(env.dataDir, 'db'));
  const before = await pendingMigrations(database);
  await migrateDatabase(database);
  console.log(before === 0 ? `Database at ${database.location} was already up to date.` : `Applied ${before} migration${before === 1 ? '' : 's'} to ${database.location}.`);
  await database.close();
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
