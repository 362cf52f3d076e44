#!/usr/bin/env node
// Masthead benchmark: what a signed-in reader costs compared with an anonymous one, on the
// embedded database (PGlite) and on PostgreSQL, from one build. It loads the article page
// anonymously (from the anonymous cache, and rendered with the cache off) and with the demo
// reader's session cookie; times sign-ins over HTTP and argon2id alone; and times the session
// lookup in-process, taken apart (drizzle, driver, planning). It prints figures and writes
// them to bench/results/sessions-latest.json; it never passes or fails on timing.
//
//   npm run bench:sessions                                  # 5 rounds x 5 s, 20 connections
//   npm run bench:sessions -- --rounds 2 --seconds 3        # quick pass
//   npm run bench:sessions -- --no-build                    # serve the last build (dist/ or $MASTHEAD_OUT_DIR)
//   npm run bench:sessions -- --postgres-url postgres://user@host:5432/postgres
//
// PostgreSQL: the script creates its own database masthead_bench_<pid> through --postgres-url
// (any database on the server the user may connect to; default $BENCH_POSTGRES_URL or
// postgres://postgres@127.0.0.1:5432/postgres), migrates it, and drops it at the end, on
// error and on Ctrl-C. See bench/README.md, "Session cost".
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT,
  buildSite,
  cannon,
  cleanupSync,
  fmt,
  get,
  installCleanupHandlers,
  log,
  makeTempDir,
  median,
  onCleanup,
  percentile,
  pickArticle,
  processCpuMs,
  sleep,
  startServer,
  stopChild,
  summarize,
} from './lib/harness.mjs';
import { requireNode24 } from './lib/bench-options.mjs';
import { positiveIntOption, readCommandLine } from './lib/command-line.mjs';
import { createBenchDatabase } from './lib/bench-database.mjs';
import { PORTS } from './lib/ports.mjs';

const RESULTS_FILE = path.join(ROOT, 'bench/results/sessions-latest.json');
const MIGRATIONS = path.join(ROOT, 'db/migrations');
const GOAL = 0.6; // signed-in req/s >= 60 % of anonymous rendered req/s
const DEMO = { email: 'reader@demo.masthead.test', password: 'demo-reader-2026' };
const BENCH_PASSWORD = 'bench-reader-password-2026';
const COOKIE = 'masthead_session';
const BURST = 20;

// --- options -----------------------------------------------------------------------------

const USAGE = `usage: npm run bench:sessions -- [--rounds 5] [--seconds 5] [--connections 20] [--no-build]
                          [--sign-ins 40] [--bursts 3] [--lookups 2000]
                          [--postgres-url URL | --skip-postgres]`;

const opts = readCommandLine({
  usage: USAGE,
  options: {
    'no-build': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    'sign-ins': { type: 'string', default: '40' },
    bursts: { type: 'string', default: '3' },
    lookups: { type: 'string', default: '2000' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-postgres': { type: 'boolean', default: false },
  },
});
const positiveInt = (name) => positiveIntOption(opts, name);
const ROUNDS = positiveInt('rounds');
const SECONDS = positiveInt('seconds');
const CONNECTIONS = positiveInt('connections');
const SIGN_INS = positiveInt('sign-ins');
const BURSTS = positiveInt('bursts');
const LOOKUPS = positiveInt('lookups');

requireNode24('bench:sessions');

// The project's own modules (TypeScript, run by Node 24's type stripping, as scripts/serve.ts is).
const { openPglite, openPostgres } = await import('../db/client.ts');
const { migrateDatabase } = await import('../db/migrate.ts');
const { users, sessions } = await import('../db/schema/index.ts');
const { createDemoAccounts } = await import('../src/server/db/demo-accounts.ts');
const { createSession, validateSessionToken } = await import('../src/server/auth/sessions.ts');
const { hashPassword, verifyPassword } = await import('../src/server/auth/password-hash.ts');
const { eq, sql } = await import('drizzle-orm');
const { default: postgres } = await import('postgres');

installCleanupHandlers();

// --- databases ---------------------------------------------------------------------------

/** Every bench account shares one argon2id hash (same cost to verify as any other). */
let benchHash;
const benchEmail = (kind, i) => `bench-${kind}-${i}@bench.masthead.test`;
const accountsPerServer = () => 1 + SIGN_INS + BURSTS * BURST;

async function seed(db, kind) {
  await createDemoAccounts(db, new Date());
  benchHash ??= await hashPassword(BENCH_PASSWORD);
  const now = new Date();
  const rows = Array.from({ length: accountsPerServer() }, (_, i) => ({
    email: benchEmail(kind, i),
    passwordHash: benchHash,
    displayName: `Bench ${i}`,
    emailVerifiedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 50) await db.insert(users).values(rows.slice(i, i + 50));
}

/** A PGlite data folder as scripts/serve.ts opens it (DATA_DIR/db), migrated and seeded. */
async function preparePgliteDataDir(dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const database = await openPglite(path.join(dataDir, 'db'));
  try {
    await migrateDatabase(database, MIGRATIONS);
    await seed(database.db, 'pglite');
  } finally {
    await database.close();
  }
}

/** Creates masthead_bench_<pid>, migrates and seeds it; dropped again on every way out. */
const preparePostgres = (adminUrl) => createBenchDatabase(adminUrl, `masthead_bench_${process.pid}`, (db) => seed(db, 'postgres'));

// --- in-process: the session lookup, taken apart --------------------------------------------

/**
 * Runs each variant `total` times in blocks interleaved with the others (so a noisy moment on
 * the machine hits every variant alike): per-call latency (p50, p99) and CPU time per call.
 */
async function timeVariants(variants, total) {
  const blocks = Math.max(1, Math.min(4, Math.floor(total / 250)));
  const perBlock = Math.ceil(total / blocks);
  const state = new Map(variants.map((v) => [v.key, { samples: [], cpuUs: 0, calls: 0 }]));
  for (const v of variants) for (let i = 0; i < 200; i++) await v.run(); // warm-up
  for (let b = 0; b < blocks; b++) {
    for (const v of variants) {
      const s = state.get(v.key);
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < perBlock; i++) {
        const t0 = performance.now();
        await v.run();
        s.samples.push((performance.now() - t0) * 1000);
      }
      const cpu = process.cpuUsage(cpu0);
      s.cpuUs += cpu.user + cpu.system;
      s.calls += perBlock;
    }
  }
  return variants.map((v) => {
    const s = state.get(v.key);
    return { key: v.key, label: v.label, calls: s.calls, p50Us: percentile(s.samples, 50), p99Us: percentile(s.samples, 99), cpuUsPerCall: s.cpuUs / s.calls };
  });
}

// The parsers drizzle-orm's PGlite driver passes with every query (drizzle-orm/pglite/session.js).
const DRIZZLE_PGLITE_PARSERS = Object.fromEntries([1184, 1114, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, (v) => v]));

async function lookupCosts(database) {
  const { db } = database;
  const client = db.$client;
  const [reader] = await db.select().from(users).where(eq(users.email, DEMO.email)).limit(1);
  if (!reader) throw new Error('demo reader missing');
  const { token } = await createSession(db, reader.id, new Date());
  const id = token.split('.')[0];
  const now = new Date(); // fixed: the lookup never reaches the hourly last-seen write
  const check = await validateSessionToken(db, token, now);
  if (check.user?.email !== DEMO.email) throw new Error('validateSessionToken did not find the demo reader');

  const builder = () =>
    db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id)).limit(1);
  const prepared = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('bench_session_by_id');
  const { sql: text, params } = builder().toSQL();

  const variants = [
    { key: 'validate', label: 'validateSessionToken (src/server/auth/sessions.ts)', run: () => validateSessionToken(db, token, now) },
    { key: 'drizzleBuilt', label: 'drizzle select, built per call (not prepared)', run: () => builder() },
    { key: 'drizzlePrepared', label: 'drizzle select, prepared (sql.placeholder)', run: () => prepared.execute({ id }) },
    { key: 'drizzleBuildOnly', label: 'drizzle: building the query + toSQL only', run: async () => builder().toSQL() },
  ];
  if (database.kind === 'pglite') {
    await client.exec(`prepare bench_session_plan(text) as ${text.replace('$2', '1')}`);
    variants.push(
      { key: 'driverSame', label: 'pglite.query, same SQL', run: () => client.query(text, params) },
      { key: 'driverArray', label: 'pglite.query, same SQL, rowMode array', run: () => client.query(text, params, { rowMode: 'array' }) },
      {
        key: 'driverDrizzleParsers',
        label: "pglite.query, same SQL + drizzle's parsers option",
        run: () => client.query(text, params, { rowMode: 'array', parsers: DRIZZLE_PGLITE_PARSERS }),
      },
      { key: 'driverExecutePrepared', label: 'pglite.query EXECUTE of a PREPAREd plan', run: () => client.query(`execute bench_session_plan('${id}')`) },
      { key: 'driverSelect1', label: 'pglite.query SELECT 1', run: () => client.query('select 1') },
    );
  } else {
    variants.push(
      { key: 'driverSame', label: 'postgres-js, same SQL (named statement)', run: () => client.unsafe(text, params) },
      { key: 'driverUnnamed', label: 'postgres-js, same SQL, unnamed (prepare: false)', run: () => client.unsafe(text, params, { prepare: false }) },
      { key: 'driverSelect1', label: 'postgres-js SELECT 1', run: () => client.unsafe('select 1') },
    );
  }
  const results = await timeVariants(variants, LOOKUPS);
  if (database.kind === 'pglite') await client.exec('deallocate bench_session_plan');
  return { sql: text, variants: results };
}

/**
 * The database work the article page does per request for a signed-in, verified reader, step
 * by step: the middleware's session lookup, then what the page itself runs (the lazy monthly
 * refill, the entitlement facts). Those functions belong to the paywall and credits code; if
 * one is missing or renamed, its row says so instead of failing the run.
 */
async function signedInPageCosts(database) {
  const { db } = database;
  const [reader] = await db.select().from(users).where(eq(users.email, DEMO.email)).limit(1);
  const { token } = await createSession(db, reader.id, new Date());
  const now = new Date();
  const load = async (file, name) => {
    try {
      const fn = (await import(file))[name];
      return typeof fn === 'function' ? fn : undefined;
    } catch {
      return undefined;
    }
  };
  const applyMonthlyRefill = await load('../src/server/credits/ledger.ts', 'applyMonthlyRefill');
  const entitlementFor = await load('../src/server/paywall/reader-access.ts', 'entitlementFor');
  const missing = [];
  const variants = [{ key: 'validate', label: 'middleware: validateSessionToken', run: () => validateSessionToken(db, token, now) }];
  if (applyMonthlyRefill) {
    await applyMonthlyRefill(db, reader.id, now); // claims this month; every later call finds nothing due
    variants.push({ key: 'refill', label: 'page: applyMonthlyRefill (nothing due)', run: () => applyMonthlyRefill(db, reader.id, now) });
  } else missing.push('applyMonthlyRefill (src/server/credits/ledger.ts)');
  if (entitlementFor) {
    variants.push({ key: 'entitlement', label: 'page: entitlementFor (subscriptions, unlock)', run: () => entitlementFor(db, reader, 'bench-story', now) });
  } else missing.push('entitlementFor (src/server/paywall/reader-access.ts)');
  variants.push({
    key: 'all',
    label: 'all of the above, in sequence',
    run: async () => {
      const { user } = await validateSessionToken(db, token, now);
      if (applyMonthlyRefill && user.emailVerifiedAt) await applyMonthlyRefill(db, user.id, now);
      if (entitlementFor) await entitlementFor(db, user, 'bench-story', now);
    },
  });
  return { variants: await timeVariants(variants, Math.max(250, Math.floor(LOOKUPS / 2))), missing };
}

async function argon2Costs() {
  const hashes = [];
  const hashMs = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    hashes.push(await hashPassword(`argon2-bench-${i}`));
    hashMs.push(performance.now() - t0);
  }
  const verifyMs = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const ok = await verifyPassword(hashes[i % hashes.length], `argon2-bench-${i % hashes.length}`);
    verifyMs.push(performance.now() - t0);
    if (!ok) throw new Error('verifyPassword refused the right password');
  }
  const concurrentMs = [];
  for (let b = 0; b < BURSTS; b++) {
    const times = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const t0 = performance.now();
        await verifyPassword(hashes[i % hashes.length], `argon2-bench-${i % hashes.length}`);
        return performance.now() - t0;
      }),
    );
    concurrentMs.push(...times);
  }
  const stats = (xs) => ({ n: xs.length, p50Ms: percentile(xs, 50), p99Ms: percentile(xs, 99), meanMs: xs.reduce((a, b) => a + b, 0) / xs.length });
  return {
    threadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    hashSequential: stats(hashMs),
    verifySequential: stats(verifyMs),
    verifyConcurrent: stats(concurrentMs),
  };
}

// --- over HTTP ---------------------------------------------------------------------------

let ipSerial = 0;
/** A client address no other sign-in of this run used (servers run with TRUST_PROXY=true). */
const nextIp = () => {
  ipSerial += 1;
  return `10.${(ipSerial >> 16) & 255}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`;
};

async function signIn(base, email, password) {
  const t0 = performance.now();
  const res = await fetch(`${base}/sign-in/?_action=signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp() },
    body: new URLSearchParams({ email, password, next: '/' }),
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${COOKIE}=`) && c.length > COOKIE.length + 1);
  return { ok: res.status === 303 && Boolean(cookie), status: res.status, ms, token: cookie?.slice(COOKIE.length + 1) };
}

async function signInLatency(server, kind) {
  let next = 1; // account 0 gave the load test its cookie
  const sequential = [];
  let failures = 0;
  const statuses = {};
  const record = (r) => {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (!r.ok) failures += 1;
  };
  for (let i = 0; i < SIGN_INS; i++) {
    const r = await signIn(server.base, benchEmail(kind, next++), BENCH_PASSWORD);
    record(r);
    sequential.push(r.ms);
  }
  const concurrent = [];
  const burstWallMs = [];
  for (let b = 0; b < BURSTS; b++) {
    await sleep(300);
    const t0 = performance.now();
    const rs = await Promise.all(Array.from({ length: BURST }, () => signIn(server.base, benchEmail(kind, next++), BENCH_PASSWORD)));
    burstWallMs.push(performance.now() - t0);
    for (const r of rs) {
      record(r);
      concurrent.push(r.ms);
    }
  }
  const stats = (xs) => ({ n: xs.length, p50Ms: percentile(xs, 50), p99Ms: percentile(xs, 99), meanMs: xs.reduce((a, b) => a + b, 0) / xs.length });
  return { sequential: stats(sequential), concurrent: { ...stats(concurrent), burstWallMs }, failures, statuses };
}

/** Signs the demo reader in over HTTP and checks that the cookie really signs the page in. */
async function demoCookie(server, articlePath) {
  const r = await signIn(server.base, DEMO.email, DEMO.password);
  if (!r.ok) throw new Error(`signing the demo reader in on ${server.label} answered ${r.status} without a session cookie`);
  const page = await get(server.base + articlePath, { headers: { cookie: `${COOKIE}=${r.token}` } });
  const cc = page.headers.get('cache-control') ?? '';
  if (page.status !== 200) throw new Error(`signed-in ${articlePath} on ${server.label} answered ${page.status}`);
  if (!/private/.test(cc) || page.headers.get('x-cache')) throw new Error(`signed-in ${articlePath} on ${server.label} was not rendered for the reader (cache-control ${cc}, x-cache ${page.headers.get('x-cache')})`);
  if (!page.body.toString('utf8').includes(DEMO.email)) throw new Error(`signed-in ${articlePath} on ${server.label} does not show the reader's address: the cookie did not sign in`);
  return { token: r.token, signInMs: r.ms, cacheControl: cc, bytes: page.body.length };
}

// --- the run -----------------------------------------------------------------------------

async function main() {
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
    options: { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, signIns: SIGN_INS, bursts: BURSTS, burstSize: BURST, lookups: LOOKUPS, build: !opts['no-build'] },
    goal: { signedInOverAnonymousRendered: GOAL },
  };
  const tmp = makeTempDir('sessions-', path.join(ROOT, '.data/bench'));

  // 1. One build for everything.
  let outDir;
  if (opts['no-build']) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
    log(`using the existing build in ${outDir}`);
  } else {
    outDir = path.join(tmp, 'out');
    const contentDir = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
    results.build = await buildSite({ label: 'sample', contentDir, outDir, tmp });
  }

  // 2. Databases: two PGlite data folders (one per server: PGlite has one opener) and one
  //    PostgreSQL database shared by its two servers.
  const kinds = opts['skip-postgres'] ? ['pglite'] : ['pglite', 'postgres'];
  const pgliteDirs = { cached: path.join(tmp, 'data-pglite-cached'), rendered: path.join(tmp, 'data-pglite-rendered') };
  for (const dir of Object.values(pgliteDirs)) await preparePgliteDataDir(dir);
  let pg;
  if (kinds.includes('postgres')) pg = await preparePostgres(opts['postgres-url']);

  // 3. In-process costs first, while no server competes for the CPU.
  log(`in-process: ${fmt(LOOKUPS)} session lookups per variant, PGlite${pg ? ' and PostgreSQL' : ''}`);
  results.lookup = {};
  {
    const database = await openPglite(path.join(tmp, 'data-inprocess', 'db'));
    try {
      await migrateDatabase(database, MIGRATIONS);
      await createDemoAccounts(database.db, new Date());
      results.lookup.pglite = await lookupCosts(database);
      results.signedInPage = { pglite: await signedInPageCosts(database) };
    } finally {
      await database.close();
    }
  }
  if (pg) {
    const database = openPostgres(pg.url, 10);
    try {
      results.lookup.postgres = await lookupCosts(database);
      results.signedInPage.postgres = await signedInPageCosts(database);
    } finally {
      await database.close();
    }
  }
  log('in-process: argon2id hashPassword / verifyPassword');
  results.argon2 = await argon2Costs();

  // 4. Servers: per database, the anonymous cache as shipped (60 s) and off (0).
  // TRUST_PROXY lets each sign-in come from its own X-Forwarded-For address, so the per-address
  // limit (20 per 15 min) does not turn the later ones into fast refusals.
  const common = { TRUST_PROXY: 'true' }; // astro:env booleans accept only true/false
  const servers = {};
  for (const kind of kinds) {
    for (const [mode, seconds] of [['cached', 60], ['rendered', 0]]) {
      const dataDir = kind === 'pglite' ? pgliteDirs[mode] : path.join(tmp, `data-postgres-${mode}`);
      const env = { ...common, ANONYMOUS_CACHE_SECONDS: String(seconds), DATA_DIR: dataDir, DATABASE_URL: kind === 'postgres' ? pg.url : '' };
      const port = PORTS.sessions[Object.keys(servers).length];
      servers[`${kind}-${mode}`] = await startServer({ label: `${kind}, cache ${seconds ? `${seconds} s` : 'off'}`, outDir, env, port });
    }
  }
  const articlePath = await pickArticle(servers['pglite-rendered'].base);
  results.articlePath = articlePath;
  log(`article: ${articlePath}`);
  results.signedIn = {};
  const cookies = {};
  for (const [key, server] of Object.entries(servers)) {
    const anon = await get(server.base + articlePath);
    if (anon.status !== 200) throw new Error(`${articlePath} answered ${anon.status} on ${server.label}`);
    const signed = await demoCookie(server, articlePath);
    cookies[key] = signed.token;
    results.signedIn[key] = { anonymousBytes: anon.body.length, anonymousCacheControl: anon.headers.get('cache-control'), ...signed, token: undefined };
  }
  log(`signed the demo reader in on each server (${Object.values(results.signedIn).map((s) => `${fmt(s.signInMs)} ms`).join(', ')})`);

  // 5. Load: every target in every round, the order rotating.
  const targets = [];
  for (const kind of kinds) {
    const cached = servers[`${kind}-cached`];
    const rendered = servers[`${kind}-rendered`];
    targets.push(
      { key: `${kind}.anonymousCached`, kind, what: 'anonymousCached', label: 'anonymous, cached (cache 60 s)', server: cached, headers: {} },
      { key: `${kind}.anonymousRendered`, kind, what: 'anonymousRendered', label: 'anonymous, rendered (cache off)', server: rendered, headers: {} },
      // A cookie bypasses the anonymous cache, so the shipped server renders every signed-in request.
      { key: `${kind}.signedIn`, kind, what: 'signedIn', label: 'signed in (session cookie)', server: cached, headers: { cookie: `${COOKIE}=${cookies[`${kind}-cached`]}` } },
    );
  }
  const warm = Math.min(2, SECONDS);
  log(`warm-up: ${warm} s per target`);
  for (const t of targets) await cannon({ url: t.server.base + articlePath, connections: CONNECTIONS, seconds: warm, headers: t.headers });
  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      await sleep(300);
      const cpu0 = processCpuMs(t.server.child.pid);
      const s = summarize(await cannon({ url: t.server.base + articlePath, connections: CONNECTIONS, seconds: SECONDS, headers: t.headers }));
      s.serverCpuUsPerRequest = s.requests > 0 ? ((processCpuMs(t.server.child.pid) - cpu0) * 1000) / s.requests : NaN;
      runs[t.key].push(s);
      log(
        `round ${round + 1}/${ROUNDS}  ${t.kind.padEnd(8)} ${t.label.padEnd(31)} ${fmt(s.reqPerSec).padStart(7)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms` +
          `  cpu ${fmt(s.serverCpuUsPerRequest)} µs/req  non-2xx ${s.non2xx}  errors ${s.errors}`,
      );
    }
  }
  results.load = {};
  for (const t of targets) {
    const rs = runs[t.key];
    results.load[t.kind] ??= {};
    results.load[t.kind][t.what] = {
      label: t.label,
      medianReqPerSec: median(rs.map((r) => r.reqPerSec)),
      medianP50Ms: median(rs.map((r) => r.p50Ms)),
      medianP99Ms: median(rs.map((r) => r.p99Ms)),
      medianServerCpuUsPerRequest: median(rs.map((r) => r.serverCpuUsPerRequest)),
      totalRequests: rs.reduce((n, r) => n + r.requests, 0),
      totalNon2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      totalErrors: rs.reduce((n, r) => n + r.errors + r.timeouts, 0),
      rounds: rs,
    };
  }
  results.ratios = {};
  for (const kind of kinds) {
    const l = results.load[kind];
    results.ratios[kind] = {
      signedInOverAnonymousRendered: l.signedIn.medianReqPerSec / l.anonymousRendered.medianReqPerSec,
      signedInOverAnonymousCached: l.signedIn.medianReqPerSec / l.anonymousCached.medianReqPerSec,
      // What the session costs the server, per request, in CPU time (steadier than req/s).
      sessionCpuUsPerRequest: l.signedIn.medianServerCpuUsPerRequest - l.anonymousRendered.medianServerCpuUsPerRequest,
    };
  }

  // 6. Sign-in latency, nothing else running.
  results.signIn = {};
  for (const kind of kinds) {
    log(`sign-in latency on ${kind}: ${SIGN_INS} sequential, then ${BURSTS} bursts of ${BURST} at once`);
    results.signIn[kind] = await signInLatency(servers[`${kind}-cached`], kind);
  }

  for (const server of Object.values(servers)) await stopChild(server);
  if (pg) pg.drop();

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table(results)}`);
  console.log(`\nFigures written to ${path.relative(ROOT, RESULTS_FILE)}`);
}

// --- the table ---------------------------------------------------------------------------

const DB_NAMES = { pglite: 'PGlite (embedded)', postgres: 'PostgreSQL 15 (local)' };

function table(r) {
  const lines = [];
  const hr = '-'.repeat(104);
  const num = (n, d = 0) => fmt(n, Number.isFinite(n) && n % 1 && d === 0 && n < 10 ? 1 : d);
  lines.push(hr);
  lines.push(
    `Masthead session cost  ${r.date.slice(0, 16).replace('T', ' ')} UTC  Node ${r.node}  ${r.cpus} CPUs  ` +
      `${r.options.connections} connections  ${r.options.rounds} rounds x ${r.options.seconds} s  load avg at start ${r.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}`,
  );
  const first = Object.values(r.signedIn)[0];
  lines.push(`Article: ${r.articlePath}  (${fmt(first.anonymousBytes)} bytes anonymous, ${fmt(first.bytes)} signed in)`);
  lines.push(hr);
  lines.push(`${'Load (median over rounds)'.padEnd(44)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'CPU µs/req'.padStart(12)}${'requests'.padStart(10)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}`);
  for (const [kind, l] of Object.entries(r.load)) {
    lines.push(`  ${DB_NAMES[kind]}`);
    for (const x of Object.values(l)) {
      lines.push(
        `    ${x.label.padEnd(40)}${fmt(x.medianReqPerSec).padStart(8)}${num(x.medianP50Ms).padStart(8)}${num(x.medianP99Ms).padStart(8)}` +
          `${fmt(x.medianServerCpuUsPerRequest).padStart(12)}${fmt(x.totalRequests).padStart(10)}${fmt(x.totalNon2xx).padStart(9)}${fmt(x.totalErrors).padStart(8)}`,
      );
    }
    const q = r.ratios[kind];
    const meets = q.signedInOverAnonymousRendered >= r.goal.signedInOverAnonymousRendered;
    lines.push(
      `    ${'signed in / anonymous rendered'.padEnd(40)}${fmt(q.signedInOverAnonymousRendered, 2).padStart(8)}   goal >= ${r.goal.signedInOverAnonymousRendered} of anonymous rendered (cache off): ${meets ? 'meets goal' : 'MISSES goal'}`,
    );
    lines.push(`    ${'signed in / anonymous cached'.padEnd(40)}${fmt(q.signedInOverAnonymousCached, 2).padStart(8)}   (for reference: a cache hit never renders)`);
    lines.push(`    ${'session: extra server CPU per request'.padEnd(40)}${`${fmt(q.sessionCpuUsPerRequest)} µs`.padStart(8)}   (signed in minus anonymous rendered)`);
  }
  const bad = Object.values(r.load).flatMap((l) => Object.values(l)).reduce((n, x) => n + x.totalNon2xx + x.totalErrors, 0);
  lines.push(`  all responses 2xx: ${bad === 0 ? 'yes' : `NO (${fmt(bad)} non-2xx, errors or timeouts; see sessions-latest.json)`}`);
  lines.push(hr);
  lines.push(`${`Session lookup in-process (${fmt(r.options.lookups)} calls each)`.padEnd(60)}${'p50 µs'.padStart(10)}${'p99 µs'.padStart(10)}${'CPU µs/call'.padStart(13)}`);
  for (const [kind, l] of Object.entries(r.lookup)) {
    lines.push(`  ${DB_NAMES[kind]}`);
    for (const v of l.variants) {
      lines.push(`    ${v.label.padEnd(56)}${fmt(v.p50Us).padStart(10)}${fmt(v.p99Us).padStart(10)}${fmt(v.cpuUsPerCall).padStart(13)}`);
    }
  }
  lines.push(hr);
  lines.push(`${`Signed-in article page: its database work per request, in-process`.padEnd(60)}${'p50 µs'.padStart(10)}${'p99 µs'.padStart(10)}${'CPU µs/call'.padStart(13)}`);
  for (const [kind, l] of Object.entries(r.signedInPage ?? {})) {
    lines.push(`  ${DB_NAMES[kind]}`);
    for (const v of l.variants) {
      lines.push(`    ${v.label.padEnd(56)}${fmt(v.p50Us).padStart(10)}${fmt(v.p99Us).padStart(10)}${fmt(v.cpuUsPerCall).padStart(13)}`);
    }
    for (const m of l.missing) lines.push(`    (not measured: ${m} not found)`);
  }
  lines.push(hr);
  lines.push(`${'Sign-in (POST /sign-in/?_action=signIn, 303 + cookie)'.padEnd(60)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'mean ms'.padStart(10)}${'n'.padStart(6)}${'failed'.padStart(8)}`);
  for (const [kind, s] of Object.entries(r.signIn)) {
    lines.push(`  ${DB_NAMES[kind]}`);
    lines.push(`    ${'one at a time'.padEnd(56)}${fmt(s.sequential.p50Ms, 1).padStart(10)}${fmt(s.sequential.p99Ms, 1).padStart(10)}${fmt(s.sequential.meanMs, 1).padStart(10)}${fmt(s.sequential.n).padStart(6)}${fmt(s.failures).padStart(8)}`);
    lines.push(`    ${`${BURST} at once (${s.concurrent.burstWallMs.length} bursts)`.padEnd(56)}${fmt(s.concurrent.p50Ms, 1).padStart(10)}${fmt(s.concurrent.p99Ms, 1).padStart(10)}${fmt(s.concurrent.meanMs, 1).padStart(10)}${fmt(s.concurrent.n).padStart(6)}`);
  }
  const a = r.argon2;
  lines.push(`  argon2id in-process (19 MiB, t=2, p=1; libuv threadpool ${a.threadpool})`);
  lines.push(`    ${'hashPassword, one at a time'.padEnd(56)}${fmt(a.hashSequential.p50Ms, 1).padStart(10)}${fmt(a.hashSequential.p99Ms, 1).padStart(10)}${fmt(a.hashSequential.meanMs, 1).padStart(10)}${fmt(a.hashSequential.n).padStart(6)}`);
  lines.push(`    ${'verifyPassword, one at a time'.padEnd(56)}${fmt(a.verifySequential.p50Ms, 1).padStart(10)}${fmt(a.verifySequential.p99Ms, 1).padStart(10)}${fmt(a.verifySequential.meanMs, 1).padStart(10)}${fmt(a.verifySequential.n).padStart(6)}`);
  lines.push(`    ${`verifyPassword, ${BURST} at once`.padEnd(56)}${fmt(a.verifyConcurrent.p50Ms, 1).padStart(10)}${fmt(a.verifyConcurrent.p99Ms, 1).padStart(10)}${fmt(a.verifyConcurrent.meanMs, 1).padStart(10)}${fmt(a.verifyConcurrent.n).padStart(6)}`);
  lines.push(hr);
  lines.push(`autocannon runs in the benchmark process, on the same ${r.cpus}-CPU machine as the servers; compare ratios and CPU µs/req, not absolutes.`);
  return lines.join('\n');
}

main().catch((error) => {
  console.error(`\nbenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
