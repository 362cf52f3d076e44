// Applies the SQL migrations in db/migrations, and tells whether a database is behind them.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Database } from './client.ts';

/** db/migrations of the project the process runs in (MASTHEAD_ROOT, else the working folder). */
export function migrationsFolder(): string {
  return path.resolve(process.env.MASTHEAD_ROOT ?? process.cwd(), 'db/migrations');
}

export async function migrateDatabase(database: Database, folder = migrationsFolder()): Promise<void> {
  const config = { migrationsFolder: folder };
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, config);
  else await migratePostgres(database.db as unknown as PostgresJsDatabase, config);
}

/** How many migrations the database has not applied yet (0 when it is up to date). */
export async function pendingMigrations(database: Database, folder = migrationsFolder()): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const table = await database.db.execute<{ exists: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`,
  );
  const rows = Array.isArray(table) ? table : (table as { rows: { exists: boolean }[] }).rows;
  if (!rows[0]?.exists) return migrations.length;
  const last = await database.db.execute<{ created_at: string | null }>(
    sql`select max(created_at)::text as created_at from drizzle.__drizzle_migrations`,
  );
  const lastRows = Array.isArray(last) ? last : (last as { rows: { created_at: string | null }[] }).rows;
  const applied = Number(lastRows[0]?.created_at ?? 0);
  return migrations.filter((m) => m.folderMillis > applied).length;
}

export class SchemaBehindError extends Error {
  readonly pending: number;

  constructor(pending: number) {
    super(
      `The database is ${pending} migration${pending === 1 ? '' : 's'} behind this version of Masthead. ` +
        'Run `npm run db:migrate` (with the same DATABASE_URL), then start the server again.',
    );
    this.name = 'SchemaBehindError';
    this.pending = pending;
  }
}
