// A fresh, migrated database for each test file (or test) that asks, plus the fakes the
// account commands need: a mailer that keeps what it sends (the outbox is sent through it
// before each command returns) and a clock that moves on command.
//
//   const t = await freshDatabase();   // t.db is a Drizzle handle on an empty, migrated schema
//   ...
//   await t.close();                   // (or `await using t = await freshDatabase()`)
//
// Without TEST_DATABASE_URL: PGlite in memory. One template per worker is migrated, then each
// call gets a clone() of it (~0.4 s). With TEST_DATABASE_URL: real PostgreSQL. A template
// database named after a hash of db/migrations is built once per server (an advisory lock
// keeps parallel workers from racing), then each call gets `CREATE DATABASE … TEMPLATE` (tens
// of ms), dropped again by close(). The template stays, so the next run starts at once.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { openPgliteInMemory, openPostgres, type Database, type Db } from '../../db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import type { AuthDeps } from '../../src/server/auth/deps.ts';
import type { Mailer } from '../../src/server/mail/mailer.ts';
import { drainMailJobs, type MailWorkerDeps } from '../../src/server/mail/mail-worker.ts';
import type { MailMessage } from '../../src/lib/mail/messages.ts';

/**
 * For the hook that calls freshDatabase(): the first PGlite of a worker compiles PostgreSQL's
 * WebAssembly (2-4 s, far more on a busy machine), beyond Vitest's 10 s default under load.
 */
export const DATABASE_SETUP_TIMEOUT_MS = 60_000;

export interface TestDatabase extends Database {
  /** The PostgreSQL URL of this database; undefined on PGlite (it has no address). */
  url: string | undefined;
  /**
   * A second, independent handle on the same data, as a second server instance would have.
   * On PostgreSQL a new connection pool; on PGlite (one connection by nature) this same handle.
   */
  anotherHandle(): Database;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface FreshDatabaseOptions {
  /** false: an empty database with no migrations applied (to test migrating). Default true. */
  migrated?: boolean;
}

export async function freshDatabase(options: FreshDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const url = process.env.TEST_DATABASE_URL;
  return url ? freshPostgres(url, migrated) : freshPglite(migrated);
}

/** Adds the extras; close() may be called more than once (a hook and a `using`, say). */
function withExtras(database: Database, url: string | undefined, anotherHandle: () => Database): TestDatabase {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= database.close());
  return { ...database, close, url, anotherHandle, [Symbol.asyncDispose]: close };
}

// --- PGlite -------------------------------------------------------------------------------

let pgliteTemplate: ReturnType<typeof openPgliteInMemory> | undefined;

async function freshPglite(migrated: boolean): Promise<TestDatabase> {
  let database: Database;
  if (migrated) {
    pgliteTemplate ??= openPgliteInMemory().then(async (template) => {
      await migrateDatabase(template);
      return template;
    });
    database = await openPgliteInMemory((await pgliteTemplate).client);
  } else {
    database = await openPgliteInMemory();
  }
  const shared: Database = { ...database, close: async () => {} };
  return withExtras(database, undefined, () => shared);
}

// --- PostgreSQL ---------------------------------------------------------------------------

/** The same server and credentials as `url`, another database. */
function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

function migrationsHash(folder = migrationsFolder()): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(`${path.relative(folder, file)}\0`).update(readFileSync(file));
    }
  };
  walk(folder);
  return hash.digest('hex').slice(0, 12);
}

let admin: postgres.Sql | undefined;
let postgresTemplate: Promise<string> | undefined;

function adminSql(url: string): postgres.Sql {
  // Idle connections close themselves, so a finished worker is not held open.
  admin ??= postgres(url, { max: 1, idle_timeout: 2, onnotice: () => {}, connect_timeout: 10 });
  return admin;
}

/** Builds masthead_tpl_<hash> once per server; a half-built one (crash) is rebuilt. */
async function ensureTemplate(url: string): Promise<string> {
  const name = `masthead_tpl_${migrationsHash()}`;
  const building = `${name}_building`;
  const sql = adminSql(url);
  await sql.begin(async (tx) => {
    // Transaction-scoped: released on commit, and if this worker dies.
    await tx`select pg_advisory_xact_lock(hashtext('masthead-test-template'))`;
    const [found] = await tx`select 1 as found from pg_database where datname = ${name}`;
    if (found) return;
    // CREATE DATABASE cannot run inside a transaction: use a second connection while holding the lock.
    const outside = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await outside.unsafe(`drop database if exists "${building}" with (force)`);
      await outside.unsafe(`create database "${building}" template template0`);
      const template = openPostgres(databaseUrl(url, building), 1);
      try {
        await migrateDatabase(template);
      } finally {
        await template.close();
      }
      await retryWhileInUse(outside, `alter database "${building}" rename to "${name}"`);
    } finally {
      await outside.end({ timeout: 5 });
    }
  });
  return name;
}

/** Runs a statement that needs a database nobody is connected to, retrying while a just-closed connection lingers. */
async function retryWhileInUse(sql: postgres.Sql, statement: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.unsafe(statement);
      return;
    } catch (error) {
      // 55006 (object_in_use): the database still has a closing connection.
      if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function freshPostgres(url: string, migrated: boolean): Promise<TestDatabase> {
  const sql = adminSql(url);
  const template = migrated ? await (postgresTemplate ??= ensureTemplate(url)) : 'template0';
  const name = `masthead_t_${randomBytes(6).toString('hex')}`;
  await retryWhileInUse(sql, `create database "${name}" template "${template}"`);
  const ownUrl = databaseUrl(url, name);
  const database = openPostgres(ownUrl);
  const others: Database[] = [];
  const close = async () => {
    await Promise.all([database, ...others].map((d) => d.close()));
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  };
  return withExtras({ ...database, close }, ownUrl, () => {
    const other = openPostgres(ownUrl);
    others.push(other);
    return other;
  });
}

// --- Mail and time ------------------------------------------------------------------------

export interface FakeMailer extends Mailer {
  /** Every message sent, oldest first. */
  readonly sent: MailMessage[];
  /** The messages sent to one address. */
  to(address: string): MailMessage[];
}

export function fakeMailer(): FakeMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    to: (address) => sent.filter((m) => m.to === address),
  };
}

/** The `token` and `next` a mailed link carries (null when absent). */
export function linkParams(message: MailMessage): { path: string; token: string | null; next: string | null } {
  const url = new URL(message.link);
  return { path: url.pathname, token: url.searchParams.get('token'), next: url.searchParams.get('next') };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface TestClock {
  now(): Date;
  /** Moves time on by `ms` and returns the new time. */
  advance(ms: number): Date;
}

/** Starts on the hour, so fixed rate-limit windows (15 min, 1 h) begin exactly at the start. */
export function testClock(start = new Date('2026-03-02T09:00:00.000Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      return new Date(current);
    },
  };
}

export const TEST_SITE_URL = 'https://news.example.test';
export const TEST_PUBLICATION = 'Masthead';

/** The help address security notices name in tests. */
export const TEST_MAIL_CONTACT = 'help@news.example.test';

/** What the outbox's worker needs, sending through `mailer` at the clock's time. */
export function testMailWorkerDeps(db: Db, mailer: Mailer, clock: TestClock): MailWorkerDeps {
  return { db, mailer, now: () => clock.now(), siteUrl: TEST_SITE_URL, publicationName: TEST_PUBLICATION, contact: TEST_MAIL_CONTACT };
}

/**
 * What the account commands need, at the clock's current time. Call again after advancing it.
 * Their e-mails go through the outbox as in the server, but the jobs are sent before the
 * command returns (the worker's drain, with `mailer`), so a test reads `mailer.sent` at once.
 */
export function testAuthDeps(db: Db, mailer: Mailer, clock: TestClock): AuthDeps {
  const mail = { queued: async () => void (await drainMailJobs(testMailWorkerDeps(db, mailer, clock))) };
  return { db, mail, now: clock.now(), siteUrl: TEST_SITE_URL, publicationName: TEST_PUBLICATION };
}

let serial = 0;
/** An address and a client IP no other test in this file uses, so rate limits never collide. */
export function uniqueIdentity(label = 'reader'): { email: string; ipAddress: string } {
  serial += 1;
  const tag = `${randomBytes(4).toString('hex')}-${serial}`;
  return { email: `${label}-${tag}@example.test`, ipAddress: `10.${(serial >> 16) & 255}.${(serial >> 8) & 255}.${serial & 255}` };
}
