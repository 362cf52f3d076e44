#!/usr/bin/env node
// Masthead benchmark: what the paywall costs, on the embedded database (PGlite) and on
// PostgreSQL, from one build (one server per database, the anonymous cache as shipped, 60 s).
//
//  1. The article page under load (autocannon) for three readers of the same story: an
//     anonymous one (answered from the anonymous cache), a verified reader with 3 credits who
//     has not unlocked it ("can unlock": the offer is rendered), and a reader who unlocked it
//     (the locked parts are rendered).
//  2. Unlock latency: per round, 20 fresh verified readers each unlock 3 different stories, all
//     60 POSTs at once; every unlock must answer 303 and every reader must end at balance 0.
//
// It prints a table and writes every figure to bench/results/paywall-latest.json; it never
// passes or fails on timing (it exits 1 only when an unlock or a balance check fails).
//
//   npm run bench:paywall                                   # 5 rounds x 4 s, 20 connections, 5 unlock rounds
//   npm run bench:paywall -- --rounds 2 --seconds 3 --unlock-rounds 2   # quick pass
//   npm run bench:paywall -- --no-build                     # serve the last build (dist/ or $MASTHEAD_OUT_DIR)
//   npm run bench:paywall -- --postgres-url postgres://user@host:5432/postgres
//
// PostgreSQL: the script creates its own database masthead_paywall_<pid> through --postgres-url
// (default $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres), migrates it, and
// drops it at the end, on error and on Ctrl-C. See bench/README.md, "Paywall".
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
  processCpuMs,
  sleep,
  startServer,
  stopChild,
  summarize,
} from './lib/harness.mjs';
import { createBenchDatabase } from './lib/bench-database.mjs';

const RESULTS_FILE = path.join(ROOT, 'bench/results/paywall-latest.json');
const MIGRATIONS = path.join(ROOT, 'db/migrations');
const COOKIE = 'masthead_session';
const PASSWORD = 'bench-paywall-reader-2026';
const STORIES_PER_READER = 3; // = the welcome credits: every reader ends at 0

// --- options -----------------------------------------------------------------------------

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '4' },
    connections: { type: 'string', default: '20' },
    readers: { type: 'string', default: '20' },
    'unlock-rounds': { type: 'string', default: '5' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-postgres': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`usage: npm run bench:paywall -- [--rounds 5] [--seconds 4] [--connections 20] [--no-build]
                         [--readers 20] [--unlock-rounds 5]
                         [--postgres-url URL | --skip-postgres]`);
  process.exit(0);
}
const positiveInt = (name) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number of at least 1, not ${opts[name]}`);
    process.exit(2);
  }
  return n;
};
const ROUNDS = positiveInt('rounds');
const SECONDS = positiveInt('seconds');
const CONNECTIONS = positiveInt('connections');
const READERS = positiveInt('readers');
const UNLOCK_ROUNDS = positiveInt('unlock-rounds');
const WARMUP_READERS = Math.min(5, READERS);

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`This benchmark imports the project's TypeScript modules, which needs Node 24 (found ${process.version}). Use npm run bench:paywall.`);
  process.exit(2);
}

const { openPostgres } = await import('../db/client.ts');
const { migrateDatabase } = await import('../db/migrate.ts');
const { default: postgres } = await import('postgres');

installCleanupHandlers();

// --- PostgreSQL: a database of our own, dropped on every way out -----------------------------

const preparePostgres = (adminUrl) => createBenchDatabase(adminUrl, `masthead_paywall_${process.pid}`);

// --- readers over HTTP ---------------------------------------------------------------------

let ipSerial = 0;
/** A client address of its own for every registration (RFC 2544's benchmarking range, 198.18.0.0/15;
 *  only ever sent as X-Forwarded-For to a server on 127.0.0.1 started with TRUST_PROXY=true). */
const nextIp = () => {
  ipSerial += 1;
  return `198.${18 + ((ipSerial >> 16) & 1)}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`;
};

/** Collects the links the server prints ("[mail] To <address>: …" then "[mail] Link: <url>"). */
function watchMail(server) {
  const links = new Map();
  const waiters = new Map();
  let pending = '';
  let lastTo;
  server.child.stdout.on('data', (chunk) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const to = /^\[mail\] To (\S+): /.exec(line);
      if (to) lastTo = to[1];
      const link = /^\[mail\] Link: (\S+)/.exec(line);
      if (link && lastTo) {
        links.set(lastTo, link[1]);
        waiters.get(lastTo)?.();
        lastTo = undefined;
      }
    }
  });
  return async (email, timeoutMs = 15_000) => {
    if (links.has(email)) return links.get(email);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no e-mail link for ${email} on ${server.label} within ${timeoutMs} ms`)), timeoutMs);
      waiters.set(email, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    waiters.delete(email);
    return links.get(email);
  };
}

function post(server, pathname, form, { cookie, ip } = {}) {
  const headers = { origin: server.base, 'content-type': 'application/x-www-form-urlencoded' };
  if (cookie) headers.cookie = `${COOKIE}=${cookie}`;
  if (ip) headers['x-forwarded-for'] = ip;
  return fetch(server.base + pathname, { method: 'POST', redirect: 'manual', headers, body: new URLSearchParams(form) });
}

/** Registers a fresh reader and confirms the address through the e-mailed link: verified, 3 credits. */
async function newVerifiedReader(server, email) {
  const ip = nextIp();
  const reg = await post(server, '/register/?_action=register', { email, password: PASSWORD, next: '/' }, { ip });
  await reg.arrayBuffer();
  if (reg.status !== 303) throw new Error(`registering ${email} on ${server.label} answered ${reg.status}, not 303`);
  const link = await server.mailLink(email);
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`the verification link for ${email} has no token: ${link}`);
  const ver = await post(server, '/verify-email/?_action=verifyEmail', { token, next: '/' }, { ip });
  await ver.arrayBuffer();
  const cookie = ver.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith(`${COOKIE}=`) && c.length > COOKIE.length + 1);
  if (ver.status !== 303 || !cookie) throw new Error(`verifying ${email} on ${server.label} answered ${ver.status} ${cookie ? '' : 'without a session cookie'}`);
  return { email, token: cookie.slice(COOKIE.length + 1) };
}

/** n readers, a few registrations at a time (each hashes a password with argon2id). */
async function newVerifiedReaders(server, prefix, n) {
  const readers = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      readers[i] = await newVerifiedReader(server, `${prefix}-${i}@bench.masthead.test`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, n) }, worker));
  return readers;
}

async function unlockOnce(server, story, token) {
  const t0 = performance.now();
  const res = await post(server, `${story.path}?_action=unlock`, { slug: story.slug }, { cookie: token });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location'), ms: performance.now() - t0 };
}

async function balanceOf(server, token) {
  const res = await get(`${server.base}/account/`, { headers: { cookie: `${COOKIE}=${token}` } });
  const m = /credits-balance__number">(\d+)</.exec(res.body.toString('utf8'));
  return { status: res.status, balance: m ? Number(m[1]) : NaN };
}

/** What a reader's article page shows: the offer's state, or the unlocked insights. */
async function pageState(server, articlePath, token) {
  const res = await get(server.base + articlePath, token ? { headers: { cookie: `${COOKIE}=${token}` } } : undefined);
  const html = res.body.toString('utf8');
  return {
    status: res.status,
    bytes: res.body.length,
    offerState: /id="locked"[^>]*data-state="([^"]+)"|data-state="([^"]+)"[^>]*id="locked"/.exec(html)?.slice(1).find(Boolean) ?? null,
    lockedPartsShown: /class="[^"]*\blocked-part--open\b/.test(html),
    xCache: res.headers.get('x-cache'),
    cacheControl: res.headers.get('cache-control'),
  };
}

/**
 * One unlock round on one server: `readers` verified readers (registered before the clock
 * starts), each unlocking every story, all at once. Then every reader's balance.
 */
async function unlockRound(server, stories, readers) {
  await sleep(300);
  const t0 = performance.now();
  const results = await Promise.all(
    readers.flatMap((r) => stories.map(async (story) => ({ reader: r.email, story: story.slug, expected: `${story.path}#key-insights`, ...(await unlockOnce(server, story, r.token)) }))),
  );
  const wallMs = performance.now() - t0;
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const bad = results.filter((r) => r.status !== 303 || r.location !== r.expected);
  const balances = await Promise.all(readers.map((r) => balanceOf(server, r.token)));
  const notZero = balances.filter((b) => b.status !== 200 || b.balance !== 0);
  return {
    unlocks: results.length,
    wallMs,
    latenciesMs: results.map((r) => r.ms),
    p50Ms: percentile(results.map((r) => r.ms), 50),
    p99Ms: percentile(results.map((r) => r.ms), 99),
    statuses,
    failed: bad.map((r) => ({ reader: r.reader, story: r.story, status: r.status, location: r.location })),
    readers: readers.length,
    readersAtZero: readers.length - notZero.length,
    balances: balances.map((b) => b.balance),
  };
}

// --- the run -----------------------------------------------------------------------------

const DB_NAMES = { pglite: 'PGlite (embedded)', postgres: 'PostgreSQL (local)' };
const LOADS = [
  { what: 'anonymous', label: 'anonymous (anonymous cache, 60 s)' },
  { what: 'canUnlock', label: 'can-unlock reader (3 credits)' },
  { what: 'unlocked', label: 'unlocked reader (story unlocked)' },
];

async function sitemapStories(base) {
  const res = await get(`${base}/sitemap.xml`);
  if (res.status !== 200) throw new Error(`/sitemap.xml answered ${res.status}`);
  return [...res.body.toString('utf8').matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname)
    .map((p) => /^\/([^/]+)\/([^/]+)\/$/.exec(p))
    .filter((m) => m && !['authors', 'tags'].includes(m[1]) && m[2] !== 'page')
    .map((m) => ({ path: m[0], section: m[1], slug: m[2] }));
}

async function main() {
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
    options: {
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      readersPerUnlockRound: READERS,
      storiesPerReader: STORIES_PER_READER,
      unlockRounds: UNLOCK_ROUNDS,
      anonymousCacheSeconds: 60,
      build: !opts['no-build'],
    },
  };
  const started = performance.now();
  const tmp = makeTempDir('masthead-paywall-');

  // 1. One build for both servers.
  let outDir;
  if (opts['no-build']) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
    log(`using the existing build in ${outDir}`);
  } else {
    outDir = path.join(tmp, 'out');
    const contentDir = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
    results.build = await buildSite({ label: 'paywall', contentDir, outDir, tmp });
  }

  // 2. One server per database: PGlite in its own data folder (migrated by the server), and a
  //    PostgreSQL database of our own, migrated here. Both keep their outbox under DATA_DIR.
  const kinds = opts['skip-postgres'] ? ['pglite'] : ['pglite', 'postgres'];
  let pg;
  if (kinds.includes('postgres')) pg = await preparePostgres(opts['postgres-url']);
  results.databases = { pglite: 'PGlite (embedded)', ...(pg ? { postgres: `PostgreSQL ${pg.version.split(' ')[0]} (local)` } : {}) };
  const servers = {};
  for (const kind of kinds) {
    const env = {
      TRUST_PROXY: 'true', // astro:env booleans accept only true/false
      ANONYMOUS_CACHE_SECONDS: '60',
      DATA_DIR: path.join(tmp, `data-${kind}`),
      DATABASE_URL: kind === 'postgres' ? pg.url : '',
      SMTP_URL: '',
    };
    const server = await startServer({ label: kind, outDir, env });
    server.mailLink = watchMail(server);
    servers[kind] = server;
  }

  // 3. Stories: the first one in the sitemap is the page under load; the first three with
  //    something locked are the ones each unlock reader unlocks.
  const all = await sitemapStories(servers.pglite.base);
  if (all.length === 0) throw new Error('no /<section>/<slug>/ URL in /sitemap.xml: is any story published?');
  const lockable = [];
  for (const story of all) {
    if (lockable.length === STORIES_PER_READER) break;
    const anon = await pageState(servers.pglite, story.path);
    if (anon.status === 200 && anon.offerState === 'anonymous') lockable.push(story);
  }
  if (lockable.length < STORIES_PER_READER) throw new Error(`need ${STORIES_PER_READER} stories with locked parts, found ${lockable.length}`);
  const article = lockable[0];
  results.articlePath = article.path;
  results.unlockStories = lockable.map((s) => s.path);
  log(`article under load: ${article.path}`);
  log(`unlocked by every unlock reader: ${lockable.map((s) => s.slug).join(', ')}`);

  // 4. The two signed-in readers of the page test, per server; each page checked for what it shows.
  const tokens = {};
  results.pages = {};
  for (const kind of kinds) {
    const server = servers[kind];
    const [canUnlock, unlocked] = await newVerifiedReaders(server, `bench-page-${kind}`, 2);
    const u = await unlockOnce(server, article, unlocked.token);
    if (u.status !== 303) throw new Error(`the unlocked reader's unlock on ${kind} answered ${u.status}`);
    tokens[kind] = { anonymous: undefined, canUnlock: canUnlock.token, unlocked: unlocked.token };
    await get(server.base + article.path); // fills the anonymous cache
    const pages = {
      anonymous: await pageState(server, article.path),
      canUnlock: await pageState(server, article.path, canUnlock.token),
      unlocked: await pageState(server, article.path, unlocked.token),
    };
    const problems = [];
    if (pages.anonymous.status !== 200 || pages.anonymous.xCache !== 'HIT' || pages.anonymous.offerState !== 'anonymous') problems.push(`anonymous: ${JSON.stringify(pages.anonymous)}`);
    if (pages.canUnlock.status !== 200 || pages.canUnlock.xCache || pages.canUnlock.offerState !== 'can-unlock' || pages.canUnlock.lockedPartsShown) problems.push(`can-unlock: ${JSON.stringify(pages.canUnlock)}`);
    if (pages.unlocked.status !== 200 || pages.unlocked.xCache || pages.unlocked.offerState !== null || !pages.unlocked.lockedPartsShown) problems.push(`unlocked: ${JSON.stringify(pages.unlocked)}`);
    if (problems.length) throw new Error(`the article page on ${kind} does not show each reader what it should:\n  ${problems.join('\n  ')}`);
    results.pages[kind] = pages;
  }
  log('readers ready; each page shows its reader the right thing (anonymous: cache HIT + offer; can-unlock: offer; unlocked: locked parts shown)');

  // 5. Load: every target in every round, the order rotating.
  const targets = kinds.flatMap((kind) =>
    LOADS.map((l) => ({ ...l, kind, key: `${kind}.${l.what}`, server: servers[kind], headers: tokens[kind][l.what] ? { cookie: `${COOKIE}=${tokens[kind][l.what]}` } : {} })),
  );
  const url = (t) => t.server.base + article.path;
  const warm = Math.min(2, SECONDS);
  log(`warm-up: ${warm} s per target`);
  for (const t of targets) await cannon({ url: url(t), connections: CONNECTIONS, seconds: warm, headers: t.headers });
  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      await sleep(300);
      const cpu0 = processCpuMs(t.server.child.pid);
      const s = summarize(await cannon({ url: url(t), connections: CONNECTIONS, seconds: SECONDS, headers: t.headers }));
      s.serverCpuUsPerRequest = s.requests > 0 ? ((processCpuMs(t.server.child.pid) - cpu0) * 1000) / s.requests : NaN;
      runs[t.key].push(s);
      log(
        `round ${round + 1}/${ROUNDS}  ${t.kind.padEnd(8)} ${t.label.padEnd(34)} ${fmt(s.reqPerSec).padStart(7)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms` +
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

  // 6. Unlocks: per round, fresh readers on every server first, then each server's burst alone
  //    (the order alternating). A small uncounted warm-up round first.
  const unlockRuns = Object.fromEntries(kinds.map((k) => [k, { warmup: null, rounds: [] }]));
  for (let round = 0; round <= UNLOCK_ROUNDS; round++) {
    const warmup = round === 0;
    const n = warmup ? WARMUP_READERS : READERS;
    const readers = {};
    for (const kind of kinds) readers[kind] = await newVerifiedReaders(servers[kind], `bench-unlock-${kind}-r${round}`, n);
    const order = round % 2 ? [...kinds].reverse() : kinds;
    for (const kind of order) {
      const r = await unlockRound(servers[kind], lockable, readers[kind]);
      if (warmup) unlockRuns[kind].warmup = r;
      else unlockRuns[kind].rounds.push(r);
      log(
        `unlock ${warmup ? 'warm-up' : `round ${round}/${UNLOCK_ROUNDS}`}  ${kind.padEnd(8)} ${r.unlocks} unlocks (${r.readers} readers x ${STORIES_PER_READER}) in ${fmt(r.wallMs)} ms` +
          `  p50 ${fmt(r.p50Ms)} ms  p99 ${fmt(r.p99Ms)} ms  statuses ${JSON.stringify(r.statuses)}  readers at 0: ${r.readersAtZero}/${r.readers}`,
      );
    }
  }
  results.unlock = {};
  let checksOk = true;
  for (const kind of kinds) {
    const rs = unlockRuns[kind].rounds;
    const all = [unlockRuns[kind].warmup, ...rs];
    const lat = rs.flatMap((r) => r.latenciesMs);
    const statuses = {};
    for (const r of rs) for (const [code, c] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + c;
    const failedUnlocks = all.reduce((n, r) => n + r.failed.length, 0);
    const readersNotZero = all.reduce((n, r) => n + r.readers - r.readersAtZero, 0);
    if (failedUnlocks || readersNotZero) checksOk = false;
    results.unlock[kind] = {
      unlocks: lat.length,
      p50Ms: percentile(lat, 50),
      p99Ms: percentile(lat, 99),
      maxMs: Math.max(...lat),
      meanMs: lat.reduce((a, b) => a + b, 0) / lat.length,
      medianBurstWallMs: median(rs.map((r) => r.wallMs)),
      unlocksPerSecond: lat.length / (rs.reduce((n, r) => n + r.wallMs, 0) / 1000),
      statuses,
      checkedUnlocks: all.reduce((n, r) => n + r.unlocks, 0),
      failedUnlocks,
      checkedReaders: all.reduce((n, r) => n + r.readers, 0),
      measuredReaders: rs.reduce((n, r) => n + r.readers, 0),
      measuredReadersAtZero: rs.reduce((n, r) => n + r.readersAtZero, 0),
      readersNotZero,
      warmup: { ...unlockRuns[kind].warmup, latenciesMs: undefined },
      rounds: rs.map((r) => ({ ...r, latenciesMs: r.latenciesMs.map((x) => Math.round(x * 10) / 10) })),
    };
  }
  results.checksOk = checksOk;

  for (const server of Object.values(servers)) await stopChild(server);
  if (pg) pg.drop();
  results.wallSeconds = (performance.now() - started) / 1000;

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table(results)}`);
  console.log(`\nFigures written to ${path.relative(ROOT, RESULTS_FILE)} (run took ${fmt(results.wallSeconds)} s)`);
  if (!checksOk) process.exitCode = 1;
}

// --- the table ---------------------------------------------------------------------------

function table(r) {
  const lines = [];
  const hr = '-'.repeat(100);
  const num = (n) => fmt(n, Number.isFinite(n) && n % 1 && n < 10 ? 1 : 0);
  lines.push(hr);
  lines.push(
    `Masthead paywall  ${r.date.slice(0, 16).replace('T', ' ')} UTC  Node ${r.node}  ${r.cpus} CPUs  anonymous cache 60 s  ` +
      `load avg at start ${r.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}`,
  );
  lines.push(`Article: ${r.articlePath}  (the same story for all three readers)`);
  lines.push(hr);
  lines.push(
    `${`Article page: ${r.options.connections} connections, ${r.options.rounds} rounds x ${r.options.seconds} s, median`.padEnd(46)}` +
      `${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'CPU µs/req'.padStart(12)}${'requests'.padStart(10)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}`,
  );
  for (const [kind, l] of Object.entries(r.load)) {
    lines.push(`  ${r.databases[kind]}`);
    for (const x of Object.values(l)) {
      lines.push(
        `    ${x.label.padEnd(42)}${fmt(x.medianReqPerSec).padStart(8)}${num(x.medianP50Ms).padStart(8)}${num(x.medianP99Ms).padStart(8)}` +
          `${fmt(x.medianServerCpuUsPerRequest).padStart(12)}${fmt(x.totalRequests).padStart(10)}${fmt(x.totalNon2xx).padStart(9)}${fmt(x.totalErrors).padStart(8)}`,
      );
    }
  }
  const bad = Object.values(r.load).flatMap((l) => Object.values(l)).reduce((n, x) => n + x.totalNon2xx + x.totalErrors, 0);
  lines.push(`  all responses 2xx: ${bad === 0 ? 'yes' : `NO (${fmt(bad)} non-2xx, errors or timeouts; see paywall-latest.json)`}`);
  lines.push(hr);
  lines.push(
    `${`Unlock: ${r.options.readersPerUnlockRound} readers x ${r.options.storiesPerReader} stories at once, ${r.options.unlockRounds} rounds`.padEnd(46)}` +
      `${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'max ms'.padStart(8)}${'burst ms'.padStart(10)}${'unlocks/s'.padStart(11)}${'n'.padStart(6)}${'303'.padStart(6)}${'at 0'.padStart(8)}`,
  );
  for (const [kind, u] of Object.entries(r.unlock)) {
    lines.push(
      `  ${r.databases[kind].padEnd(44)}${fmt(u.p50Ms).padStart(8)}${fmt(u.p99Ms).padStart(8)}${fmt(u.maxMs).padStart(8)}${fmt(u.medianBurstWallMs).padStart(10)}` +
        `${fmt(u.unlocksPerSecond).padStart(11)}${fmt(u.unlocks).padStart(6)}${fmt(u.statuses[303] ?? 0).padStart(6)}${`${u.measuredReadersAtZero}/${u.measuredReaders}`.padStart(8)}`,
    );
  }
  const u = Object.values(r.unlock);
  const unlocks = u.reduce((n, x) => n + x.checkedUnlocks, 0);
  const failed = u.reduce((n, x) => n + x.failedUnlocks, 0);
  const readers = u.reduce((n, x) => n + x.checkedReaders, 0);
  const notZero = u.reduce((n, x) => n + x.readersNotZero, 0);
  lines.push(`  every unlock answered 303 (to the story's #key-insights): ${failed === 0 ? 'yes' : 'NO'} (${fmt(unlocks - failed)}/${fmt(unlocks)}, warm-up included)`);
  lines.push(`  every reader ends with balance 0 (GET /account/):          ${notZero === 0 ? 'yes' : 'NO'} (${fmt(readers - notZero)}/${fmt(readers)}, warm-up included)`);
  lines.push(hr);
  lines.push(`p50/p99 of unlocks: every POST of the measured rounds, from sending to the 303. burst ms: median wall time of one round's ${r.options.readersPerUnlockRound * r.options.storiesPerReader} unlocks.`);
  lines.push(`autocannon and the unlock readers run in the benchmark process, on the same ${r.cpus}-CPU machine as the servers; compare, don't trust absolutes.`);
  return lines.join('\n');
}

main().catch((error) => {
  console.error(`\nbenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
