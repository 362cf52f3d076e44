// Readers for the benchmarks, written straight into a database through the project's own
// modules before the server opens it (PGlite allows one opener): verified accounts with the
// welcome credits plus an admin grant through the ledger (so every balance equals its ledger
// sum, as the real code paths leave it), each with a session ready to use as a cookie.
// Every account shares one argon2id hash, so a sign-in verifies a real hash at full cost.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, log } from './harness.mjs';

const MIGRATIONS = path.join(ROOT, 'db/migrations');
export const BENCH_PASSWORD = 'bench-reader-password-2026';
export const SESSION_COOKIE = 'masthead_session';

const { openPglite } = await import('../../db/client.ts');
const { migrateDatabase } = await import('../../db/migrate.ts');
const { users } = await import('../../db/schema/index.ts');
const { markEmailVerified } = await import('../../src/server/auth/verification.ts');
const { applyGrant } = await import('../../src/server/credits/ledger.ts');
const { createSession } = await import('../../src/server/auth/sessions.ts');
const { hashPassword } = await import('../../src/server/auth/password-hash.ts');
const { CREDIT_CONFIG } = await import('../../src/lib/credits/credit-config.ts');

let sharedHash;

/**
 * `count` verified readers named `<prefix>-<i>@bench.masthead.test`, each with `credits`
 * credits and (with `sessions`) a session token. Returns [{ id, email, token }].
 */
export async function seedReaders(db, { prefix, count, credits = CREDIT_CONFIG.welcome, sessions = true }) {
  sharedHash ??= await hashPassword(BENCH_PASSWORD);
  const now = new Date();
  const readers = [];
  for (let start = 0; start < count; start += 100) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 100); i++) rows.push({ email: `${prefix}-${i}@bench.masthead.test`, passwordHash: sharedHash, displayName: `Bench ${i}` });
    const inserted = await db.insert(users).values(rows).returning({ id: users.id, email: users.email });
    for (const user of inserted) {
      await markEmailVerified(db, user.id, user.email, now);
      const extra = credits - CREDIT_CONFIG.welcome;
      if (extra !== 0) await applyGrant(db, user.id, { amount: extra, reason: 'admin' }, now);
      const token = sessions ? (await createSession(db, user.id, now)).token : undefined;
      readers.push({ id: user.id, email: user.email, token });
    }
  }
  return readers;
}

/** A PGlite data folder as scripts/serve.ts opens it (DATA_DIR/db), migrated, then `seed(db)`. */
export async function preparePgliteDataDir(dataDir, seed) {
  mkdirSync(dataDir, { recursive: true });
  const database = await openPglite(path.join(dataDir, 'db'));
  try {
    await migrateDatabase(database, MIGRATIONS);
    const started = performance.now();
    const result = await seed(database.db);
    log(`seeded ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    await database.close();
  }
}
