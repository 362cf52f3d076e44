// Opens the configured database and makes it ready: the embedded one is migrated (and, on
// first start outside production, given demo accounts); PostgreSQL must already be migrated.
import path from 'node:path';
import { count } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '../../../db/client.ts';
import { migrateDatabase, pendingMigrations, SchemaBehindError } from '../../../db/migrate.ts';
import { users } from '../../../db/schema/index.ts';
import type { ServerEnv } from '../config/server-env.ts';
import { createDemoAccounts, type DemoAccount } from './demo-accounts.ts';

export interface StartedDatabase {
  database: Database;
  demoAccounts: DemoAccount[];
}

export async function startDatabase(env: ServerEnv): Promise<StartedDatabase> {
  if (env.databaseUrl) {
    const database = openPostgres(env.databaseUrl);
    const pending = await pendingMigrations(database);
    if (pending > 0) {
      await database.close();
      throw new SchemaBehindError(pending);
    }
    return { database, demoAccounts: [] };
  }
  const database = await openPglite(path.join(env.dataDir, 'db'));
  await migrateDatabase(database);
  const [row] = await database.db.select({ n: count() }).from(users);
  const demoAccounts = !env.production && (row?.n ?? 0) === 0 ? await createDemoAccounts(database.db, new Date()) : [];
  return { database, demoAccounts };
}
