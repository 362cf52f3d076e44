// A fresh PostgreSQL database for a multi-instance test: created empty on the server of
// TEST_DATABASE_URL, migrated with db/migrate.ts as `npm run db:migrate` would, and dropped
// (connections and all) afterwards. `sql` is a small client for the test's own checks.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPostgres } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';

export interface SharedPostgres {
  /** The URL the instances get as DATABASE_URL. */
  url: string;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

export async function createSharedPostgres(serverUrl: string, label: string): Promise<SharedPostgres> {
  const name = `masthead_${label}_${randomBytes(5).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template template0`);
  const migrator = openPostgres(url.href, 1);
  try {
    await migrateDatabase(migrator);
  } finally {
    await migrator.close();
  }
  const sql = postgres(url.href, { max: 2, onnotice: () => {} });
  return {
    url: url.href,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
