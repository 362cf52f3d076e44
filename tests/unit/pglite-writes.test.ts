// The embedded database's write count (db/pglite-writes.ts): reads leave it, every write,
// transaction and exec moves it, through drizzle as the site uses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { openPgliteInMemory, type Database } from '../../db/client.ts';

let database: Database & { client: PGlite };
let count: () => number;

beforeAll(async () => {
  database = await openPgliteInMemory();
  count = database.writeCount ?? (() => NaN);
  await database.db.execute(sql`create table t (n int)`);
});
afterAll(() => database.close());

describe('the PGlite write count', () => {
  it('stays put for reads', async () => {
    const before = count();
    await database.db.execute(sql`select 1`);
    await database.db.execute(sql`  (select n from t)`);
    expect(count()).toBe(before);
  });

  it('moves for a write, a transaction and an exec', async () => {
    let before = count();
    await database.db.execute(sql`insert into t values (1)`);
    expect(count()).toBeGreaterThan(before);
    before = count();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select n from t`);
    });
    expect(count()).toBeGreaterThan(before);
    before = count();
    await database.db.execute(sql`with x as (delete from t returning n) select * from x`);
    expect(count()).toBeGreaterThan(before);
  });

  it('is counted from the moment the write reaches PGlite until it is done', async () => {
    const before = count();
    const writing = database.client.query('insert into t values (2)');
    expect(count()).toBeGreaterThan(before);
    const during = count();
    await writing;
    expect(count()).toBeGreaterThan(during);
  });
});
