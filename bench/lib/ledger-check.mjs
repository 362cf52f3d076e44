// After a load: the credit books must balance. Opened once the server has stopped (PGlite
// allows one opener). Every balance equals its ledger sum; every unlock has exactly one
// debit and every debit an unlock; the bench readers' unlock rows equal the unlocks the
// server answered with a 303.
import path from 'node:path';
import { sql } from 'drizzle-orm';

const { openPglite, openPostgres } = await import('../../db/client.ts');

const rowsOf = (result) => result.rows ?? result; // PGlite returns { rows }, postgres-js an array

export async function checkLedger({ kind, dataDir, url, emailLike, expectedUnlocks }) {
  const database = kind === 'pglite' ? await openPglite(path.join(dataDir, 'db')) : openPostgres(url, 2);
  try {
    const { db } = database;
    const q = async (query) => rowsOf(await db.execute(query));
    const [accounts] = await q(sql`select count(*)::int as n from users where email like ${emailLike}`);
    const unbalanced = await q(sql`
      select u.email, u.credit_balance as balance, coalesce(sum(l.amount), 0)::int as ledger
      from users u left join credit_ledger l on l.user_id = u.id
      group by u.id, u.email, u.credit_balance
      having u.credit_balance <> coalesce(sum(l.amount), 0)`);
    const doubleDebits = await q(sql`
      select user_id, article_slug, count(*)::int as n from credit_ledger
      where reason = 'unlock' group by user_id, article_slug having count(*) <> 1`);
    const [unlocksWithoutDebit] = await q(sql`
      select count(*)::int as n from unlocks u
      join users r on r.id = u.user_id and r.email like ${emailLike}
      where not exists (select 1 from credit_ledger l where l.user_id = u.user_id and l.article_slug = u.article_slug and l.reason = 'unlock')`);
    const [debitsWithoutUnlock] = await q(sql`
      select count(*)::int as n from credit_ledger l
      where l.reason = 'unlock' and not exists (select 1 from unlocks u where u.user_id = l.user_id and u.article_slug = l.article_slug)`);
    const [readerUnlocks] = await q(sql`
      select count(*)::int as n from unlocks u join users r on r.id = u.user_id and r.email like ${emailLike}`);
    const [negative] = await q(sql`select count(*)::int as n from users where credit_balance < 0`);
    const checks = {
      accountsChecked: accounts.n,
      unbalancedAccounts: unbalanced.length,
      doubleDebits: doubleDebits.length,
      unlocksWithoutDebit: unlocksWithoutDebit.n,
      debitsWithoutUnlock: debitsWithoutUnlock.n,
      negativeBalances: negative.n,
      unlockRows: readerUnlocks.n,
      unlocksAnswered303: expectedUnlocks,
      examples: [...unbalanced, ...doubleDebits].slice(0, 5),
    };
    checks.ok =
      checks.unbalancedAccounts === 0 &&
      checks.doubleDebits === 0 &&
      checks.unlocksWithoutDebit === 0 &&
      checks.debitsWithoutUnlock === 0 &&
      checks.negativeBalances === 0 &&
      checks.unlockRows === expectedUnlocks;
    return checks;
  } finally {
    await database.close();
  }
}
