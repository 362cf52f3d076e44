// A fingerprint of every application table: its row count and an md5 of its rows, to show
// that a burst of refused requests wrote nothing. sessions.last_seen_at is left out: reading
// a page as a signed-in reader touches it now and then by design (sliding expiry).
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';

export type TableSnapshot = Record<string, { rows: number; md5: string }>;

/** Tables whose changes are intended even for refused requests. */
export const WRITTEN_ON_PURPOSE = new Set([
  // Failed sign-ins, resends and resets are counted on purpose: that is what a limit is.
  'rate_limits',
]);

function rowsOf<T>(result: unknown): T[] {
  // postgres-js returns the rows; PGlite returns { rows }.
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export async function snapshotTables(db: Db): Promise<TableSnapshot> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  ).map((t) => t.name);
  const snapshot: TableSnapshot = {};
  for (const name of tables) {
    if (WRITTEN_ON_PURPOSE.has(name)) continue;
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = rowsOf<{ rows: number; md5: string }>(
      await db.execute(
        sql.raw(
          `select count(*)::int as rows, md5(coalesce(string_agg(r, '|' order by r), '')) as md5 from (select (to_jsonb(t) - 'last_seen_at')::text as r from ${quoted} t) x`,
        ),
      ),
    );
    snapshot[name] = { rows: Number(row?.rows ?? 0), md5: String(row?.md5 ?? '') };
  }
  return snapshot;
}
