// The schema is brought up to date by the migrations in db/migrations: the embedded database
// migrates itself on start; a PostgreSQL server that is behind is refused with what to run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationsFolder, pendingMigrations, SchemaBehindError } from '../../db/migrate.ts';
import { users } from '../../db/schema/index.ts';
import { readServerEnv } from '../../src/server/config/server-env.ts';
import { verifyPassword } from '../../src/server/auth/password-hash.ts';
import { DEMO_ACCOUNTS } from '../../src/server/db/demo-accounts.ts';
import { startDatabase } from '../../src/server/db/start-database.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';

/** How many migrations the repository ships, read from drizzle-kit's journal. */
const SHIPPED = (JSON.parse(readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('pendingMigrations and migrateDatabase', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await freshDatabase({ migrated: false });
  }, DATABASE_SETUP_TIMEOUT_MS);
  afterAll(() => empty?.close());

  it('counts every shipped migration as pending on an empty database, and none once migrated (twice is harmless)', async () => {
    expect(SHIPPED).toBeGreaterThan(0);
    expect(await pendingMigrations(empty)).toBe(SHIPPED);

    await migrateDatabase(empty);
    expect(await pendingMigrations(empty)).toBe(0);

    await migrateDatabase(empty);
    expect(await pendingMigrations(empty)).toBe(0);
    expect(await empty.db.select().from(users)).toEqual([]);
  });
});

// Runs in CI's second pass (TEST_DATABASE_URL): it needs an empty PostgreSQL database to point
// DATABASE_URL at; the PGlite pass covers the embedded start below.
describe.runIf(process.env.TEST_DATABASE_URL)('startDatabase with DATABASE_URL (PostgreSQL)', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await freshDatabase({ migrated: false });
  }, DATABASE_SETUP_TIMEOUT_MS);
  afterAll(() => target?.close());
  const env = () => readServerEnv({ DATABASE_URL: target.url, DATA_DIR: path.join(tmpdir(), 'masthead-unused') });

  it('refuses a database that has not been migrated, and says to run npm run db:migrate', async () => {
    const error = await startDatabase(env()).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(SchemaBehindError);
    expect((error as SchemaBehindError).pending).toBe(SHIPPED);
    expect((error as Error).message).toContain('Run `npm run db:migrate` (with the same DATABASE_URL)');
    expect(await pendingMigrations(target)).toBe(SHIPPED); // it did not migrate on its own
  });

  it('starts on a migrated database, without demo accounts', async () => {
    await migrateDatabase(target);

    const started = await startDatabase(env());
    try {
      expect(started.database.kind).toBe('postgres');
      expect(started.demoAccounts).toEqual([]);
      expect(await started.database.db.select().from(users)).toEqual([]);
    } finally {
      await started.database.close();
    }
  });
});

describe('startDatabase without DATABASE_URL (embedded PGlite in DATA_DIR)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'masthead-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = () => readServerEnv({ DATA_DIR: dataDir });

  it('migrates the new database and creates the three demo accounts once across two starts', { timeout: 120_000 }, async () => {
    const first = await startDatabase(env());
    let firstUsers;
    try {
      expect(first.database.kind).toBe('pglite');
      expect(first.database.location).toBe(path.join(dataDir, 'db'));
      expect(await pendingMigrations(first.database)).toBe(0);
      expect(first.demoAccounts.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
      firstUsers = await first.database.db.select().from(users).orderBy(asc(users.email));
    } finally {
      await first.database.close();
    }
    expect(firstUsers.map((u) => [u.email, u.role, u.emailVerifiedAt !== null])).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, a.role, true] as const).sort((a, b) => a[0].localeCompare(b[0])),
    );
    const reader = DEMO_ACCOUNTS.find((a) => a.role === 'reader')!;
    expect(await verifyPassword(firstUsers.find((u) => u.email === reader.email)!.passwordHash, reader.password)).toBe(true);

    const second = await startDatabase(env());
    try {
      expect(second.demoAccounts).toEqual([]);
      expect(await second.database.db.select().from(users).orderBy(asc(users.email))).toEqual(firstUsers);
    } finally {
      await second.database.close();
    }
  });
});
