// What must hold for credits whatever happened to the server: each balance equals its
// ledger's sum, no balance is below zero, every unlock has exactly one debit and every debit
// its unlock. Plain SQL, the same on PGlite and PostgreSQL; each query lists what breaks a rule.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';

export interface LedgerAudit {
  balancesOffLedger: Row[];
  negativeBalances: Row[];
  unlocksWithoutDebit: Row[];
  debitsWithoutUnlock: Row[];
  unlocksDebitedTwice: Row[];
  counts: { readers: number; unlocks: number; debits: number };
}

type Row = Record<string, unknown>;

/** Drizzle's execute answers an array on postgres.js and `{ rows }` on PGlite. */
async function rows(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

export async function auditLedger(db: Db): Promise<LedgerAudit> {
  const [counts] = await rows(
    db,
    sql`select (select count(*) from users)::int as readers, (select count(*) from unlocks)::int as unlocks,
               (select count(*) from credit_ledger where reason = 'unlock')::int as debits`,
  );
  return {
    balancesOffLedger: await rows(
      db,
      sql`select u.id, u.credit_balance, coalesce(sum(l.amount), 0)::int as ledger
          from users u left join credit_ledger l on l.user_id = u.id
          group by u.id, u.credit_balance having u.credit_balance <> coalesce(sum(l.amount), 0)`,
    ),
    negativeBalances: await rows(db, sql`select id, credit_balance from users where credit_balance < 0`),
    unlocksWithoutDebit: await rows(
      db,
      sql`select x.user_id, x.article_slug from unlocks x where not exists
          (select 1 from credit_ledger l where l.user_id = x.user_id and l.article_slug = x.article_slug and l.reason = 'unlock')`,
    ),
    debitsWithoutUnlock: await rows(
      db,
      sql`select l.user_id, l.article_slug from credit_ledger l where l.reason = 'unlock' and not exists
          (select 1 from unlocks x where x.user_id = l.user_id and x.article_slug = l.article_slug)`,
    ),
    unlocksDebitedTwice: await rows(
      db,
      sql`select user_id, article_slug, count(*)::int as debits from credit_ledger where reason = 'unlock'
          group by user_id, article_slug having count(*) > 1`,
    ),
    counts: { readers: Number(counts?.readers ?? 0), unlocks: Number(counts?.unlocks ?? 0), debits: Number(counts?.debits ?? 0) },
  };
}
