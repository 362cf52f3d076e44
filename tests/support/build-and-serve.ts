// Playwright's web server: builds the site into .test-build/ (the build holds no content),
// copies content/ and the fixture stories into .test-build/content, takes them into the run's
// database (PGlite in .test-build/data or, when TEST_DATABASE_URL is set, a fresh PostgreSQL
// database made for this run), then serves it with MASTHEAD_CONTENT_DIR on that folder, its
// e-mail going to a real SMTP listener (each message saved in .test-build/mail/) and its
// payments going to the Stripe double (on TEST_STRIPE_PORT, webhooks back to the server).
// Run with Node 24 (npm exec -- node ...).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createDemoAccounts } from '../../src/server/db/demo-accounts.ts';
import { buildTestSite, prepareTestContent } from './site-build.ts';
import { syncTestContent } from './test-content-sync.ts';
import { startMailCatcher } from './mail-catcher.ts';
import { seedUnverifiedReaders } from './unverified-readers.ts';
import { DEFAULT_PRICES, startStripeDouble, type StripeDouble, appEnvForDouble } from './stripe-double/index.ts';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';
import {
  ROOT,
  TEST_BASE_URL,
  TEST_BUILD_DIR,
  TEST_CONTENT_DIR,
  TEST_MAIL_DIR,
  TEST_OUT_DIR,
  TEST_PORT,
  TEST_SITE_URL,
  TEST_SMTP_PORT,
  TEST_STRIPE_PORT,
  TEST_STRIPE_SECRET_KEY,
  TEST_STRIPE_WEBHOOK_SECRET,
} from './test-site.ts';

/** Run as `build-and-serve.ts --drop-when-orphaned <name>`: the watcher described below. */
const ORPHAN_FLAG = '--drop-when-orphaned';
const RUN_DATABASE_PREFIX = 'masthead_e2e_';
const LEFTOVER_AGE_MS = 60 * 60 * 1000;

if (process.argv[2] === ORPHAN_FLAG) await dropWhenOrphaned(process.argv[3] ?? '');
else await buildAndServe();

async function buildAndServe(): Promise<void> {
  rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
  prepareTestContent(TEST_CONTENT_DIR);
  try {
    await buildTestSite({ outDir: TEST_OUT_DIR, siteUrl: TEST_SITE_URL, stdio: 'inherit' });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { DATABASE_URL: _outerDatabase, ...outer } = process.env;
  // The server syncs the folder again in the background (all unchanged) and watches it, on
  // both databases alike, so a test that edits .test-build/content sees the change.
  const env = { ...outer, MASTHEAD_CONTENT_DIR: TEST_CONTENT_DIR, CONTENT_WATCH: 'true', MASTHEAD_OUT_DIR: TEST_OUT_DIR, SITE_URL: TEST_SITE_URL };

  await catchMail();
  const stripe = await startPayments();
  const database = process.env.TEST_DATABASE_URL
    ? { DATABASE_URL: await createRunDatabase(process.env.TEST_DATABASE_URL) }
    : { DATA_DIR: await createRunDataDir(path.join(TEST_BUILD_DIR, 'data')) };
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(ROOT, 'scripts/serve.ts')], {
    cwd: ROOT,
    env: { ...env, ...database, ...stripeEnv(stripe), PORT: String(TEST_PORT), SMTP_URL: `smtp://127.0.0.1:${TEST_SMTP_PORT}`, TRUST_PROXY: "true" },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => {
    void stripe.stop().finally(() => process.exit(code ?? 0));
  });
}

/**
 * Starts the Stripe double, with the webhooks it sends going to the test server at the
 * address the README gives Stripe.
 */
async function startPayments(): Promise<StripeDouble> {
  try {
    return await startStripeDouble({
      port: TEST_STRIPE_PORT,
      webhookUrl: `${TEST_BASE_URL}/api/stripe/webhook`,
      webhookSecret: TEST_STRIPE_WEBHOOK_SECRET,
      prices: DEFAULT_PRICES,
    });
  } catch (error) {
    console.error(`${(error as Error).message}. Set TEST_STRIPE_PORT to a free port.`);
    process.exit(1);
  }
}

/** The server's STRIPE_* settings: the double's API, its shared secret and its price ids. */
function stripeEnv(double: StripeDouble): Record<string, string> {
  return appEnvForDouble(double, { secretKey: TEST_STRIPE_SECRET_KEY, webhookSecret: TEST_STRIPE_WEBHOOK_SECRET });
}

/** Starts the SMTP listener; each message becomes .test-build/mail/<n>.json (written whole). */
async function catchMail(): Promise<void> {
  mkdirSync(TEST_MAIL_DIR, { recursive: true });
  let count = 0;
  try {
    await startMailCatcher({
      port: TEST_SMTP_PORT,
      onMail(mail) {
        count += 1;
        const temporary = path.join(TEST_MAIL_DIR, `.${count}.json.tmp`);
        writeFileSync(temporary, JSON.stringify(mail, null, 2));
        renameSync(temporary, path.join(TEST_MAIL_DIR, `${count}.json`));
      },
      onError: (error) => console.error('[mail catcher]', error),
    });
  } catch (error) {
    console.error(`${(error as Error).message}. Set TEST_SMTP_PORT to a free port.`);
    process.exit(1);
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Makes a fresh database for this run on TEST_DATABASE_URL's server, migrated, with the
 * demo accounts and the test content, and returns its URL. Leftovers of runs more than an hour old are dropped.
 */
async function createRunDatabase(serverUrl: string): Promise<string> {
  const name = `${RUN_DATABASE_PREFIX}${Date.now()}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const existing = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${RUN_DATABASE_PREFIX}%`}`;
    for (const { datname } of existing) {
      const startedAt = Number(/^masthead_e2e_(\d+)/.exec(datname)?.[1] ?? Number.NaN);
      if (startedAt < Date.now() - LEFTOVER_AGE_MS) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
    await admin.unsafe(`create database "${name}"`);
  } catch (error) {
    console.error(`Cannot create the test database on TEST_DATABASE_URL: ${(error as Error).message}`);
    process.exit(1);
  } finally {
    await admin.end({ timeout: 5 });
  }
  watchForExit(name);
  const url = databaseUrl(serverUrl, name);
  await fillRunDatabase(openPostgres(url, 1));
  console.log(`Test database: ${name} (dropped when the test server stops)`);
  return url;
}

/** The embedded database of this run, filled as below. */
async function createRunDataDir(dataDir: string): Promise<string> {
  await fillRunDatabase(await openPglite(path.join(dataDir, 'db'))); // where the server keeps it (README: DATA_DIR/db)
  return dataDir;
}

/**
 * Migrates the run's database and gives it the demo accounts, the unverified readers' pool and
 * the test content (all of it, or the run stops here naming each file:line: problem); closes it.
 */
async function fillRunDatabase(database: Database): Promise<void> {
  try {
    await migrateDatabase(database, path.join(ROOT, 'db/migrations'));
    await createDemoAccounts(database.db, new Date());
    await seedUnverifiedReaders(database.db, new Date());
    await syncTestContent(database.db, TEST_CONTENT_DIR);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  } finally {
    await database.close();
  }
}

/**
 * Playwright ends its web server with SIGKILL to the whole process group, so no exit handler
 * here would run. A detached watcher holds a pipe to this process instead; when the pipe
 * closes (this process is gone, however it ended) it drops the run's database.
 */
function watchForExit(name: string): void {
  const watcher = spawn(process.execPath, [import.meta.filename, ORPHAN_FLAG, name], {
    cwd: ROOT,
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watcher.unref();
}

async function dropWhenOrphaned(name: string): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || !name.startsWith(RUN_DATABASE_PREFIX)) process.exit(2);
  process.stdin.resume();
  await new Promise((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  process.exit(0);
}
