#!/usr/bin/env node
// Masthead benchmark: what a burst of password guesses does to a signed-in reader. One built
// server (PGlite, or PostgreSQL with --postgres) with seeded readers; one reader keeps loading
// a story page with their session cookie while 300 sign-in attempts with wrong passwords
// arrive at once, in three shapes: from many client addresses at many accounts, from many
// addresses at one account, and from one address at many accounts. It prints the reader's
// p50/p99 before and during each burst, and how many guesses the server let through to the
// password check (answered 401) or refused unchecked (429). It never passes or fails on
// timing. The goal it is read against: signed-in p99 under 250 ms during a burst.
//
//   npm run bench:sign-in                                  # build, PGlite
//   npm run bench:sign-in -- --no-build                    # serve the last build (dist/ or $MASTHEAD_OUT_DIR)
//   npm run bench:sign-in -- --postgres [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]
//   npm run bench:sign-in -- --burst 300 --quiet-seconds 3
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildSite, fmt, installCleanupHandlers, log, makeTempDir, percentile, pickArticle, sleep, stopChild } from './lib/harness.mjs';
import { requireNode24 } from './lib/bench-options.mjs';
import { positiveIntOption, readCommandLine } from './lib/command-line.mjs';
import { DEFAULT_POSTGRES_URL, startSeededServer } from './lib/bench-server.mjs';
import { cookieHeader } from './lib/reader-http.mjs';
import { seedReaders } from './lib/seed-readers.mjs';

const GOAL_P99_MS = 250;

const USAGE = 'usage: npm run bench:sign-in -- [--no-build] [--postgres [--postgres-url URL]] [--burst 300] [--quiet-seconds 3] [--readers 2] [--rounds 3]';

const opts = readCommandLine({
  usage: USAGE,
  options: {
    'no-build': { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
    burst: { type: 'string', default: '300' },
    'quiet-seconds': { type: 'string', default: '3' },
    readers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
  },
});
const positiveInt = (name) => positiveIntOption(opts, name);
const BURST = positiveInt('burst');
const QUIET_SECONDS = positiveInt('quiet-seconds');
/** Signed-in page loads in flight at once (one reader's tabs, or a few readers). */
const READER_CONCURRENCY = positiveInt('readers');
/** Each burst shape is run this many times; the table shows the median round (by during-p99). */
const ROUNDS = positiveInt('rounds');
requireNode24('bench:sign-in');
installCleanupHandlers();

// --- load ---------------------------------------------------------------------------------

let addressSerial = 0;
/** A client address of its own (the server trusts X-Forwarded-For in the bench). */
const freshAddress = () => {
  addressSerial += 1;
  return `10.${(addressSerial >> 16) & 255}.${(addressSerial >> 8) & 255}.${addressSerial & 255}`;
};

async function guess(base, email, address) {
  const res = await fetch(`${base}/sign-in/?_action=signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
    body: new URLSearchParams({ email, password: 'a wrong password guessed', next: '/' }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Loads the page with the reader's cookie until stop() is called; each sample is [startedAt, ms, status]. */
function readerLoop(base, pathname, token) {
  const samples = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(base + pathname, { headers: cookieHeader(token), redirect: 'manual' });
      await res.arrayBuffer();
      samples.push([t0, performance.now() - t0, res.status]);
    }
  };
  const loops = Array.from({ length: READER_CONCURRENCY }, loop);
  return { samples, stop: async () => ((running = false), await Promise.all(loops)) };
}

const latency = (samples) => {
  const ms = samples.map((s) => s[1]);
  return { n: ms.length, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99), maxMs: Math.max(...ms), failures: samples.filter((s) => s[2] !== 200).length };
};

async function scenario(server, name, targets) {
  const reader = readerLoop(server.base, server.article, server.readerToken);
  await sleep(QUIET_SECONDS * 1000);
  const burstStart = performance.now();
  const statuses = await Promise.all(targets.map(({ email, address }) => guess(server.base, email, address)));
  const burstEnd = performance.now();
  await sleep(300);
  await reader.stop();
  const quiet = reader.samples.filter(([t]) => t < burstStart);
  const during = reader.samples.filter(([t, ms]) => t + ms >= burstStart && t <= burstEnd);
  const counts = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return { name, burst: targets.length, burstWallMs: burstEnd - burstStart, statuses: counts, checked: counts[401] ?? 0, quiet: latency(quiet), during: latency(during) };
}

// --- the run -------------------------------------------------------------------------------

async function main() {
  const kind = opts.postgres ? 'postgres' : 'pglite';
  const tmp = makeTempDir('sign-in-burst-', path.join(ROOT, '.data/bench'));
  let outDir;
  if (opts['no-build']) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
  } else {
    outDir = path.join(tmp, 'out');
    await buildSite({ label: 'sample', contentDir: path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content'), outDir, tmp });
  }
  // Reader 0 reads; the others are the accounts the guesses name.
  const { server, database, seeded } = await startSeededServer({
    kind,
    label: `burst-${kind}`,
    outDir,
    workDir: tmp,
    postgresUrl: opts['postgres-url'],
    seed: (db) => seedReaders(db, { prefix: 'burst', count: Math.max(BURST, ROUNDS) + 1 }),
  });
  try {
    const article = await pickArticle(server.base);
    const target = { ...server, article, readerToken: seeded[0].token };
    const accounts = seeded.slice(1).map((r) => r.email);
    const shapes = [
      ['many addresses, many accounts', () => accounts.map((email) => ({ email, address: freshAddress() }))],
      // A new account each round, so the database's per-account limit starts afresh.
      ['many addresses, one account', (round) => accounts.map(() => ({ email: accounts[round], address: freshAddress() }))],
      ['one address, many accounts', () => {
        const address = freshAddress();
        return accounts.map((email) => ({ email, address }));
      }],
    ];
    const loadBefore = os.loadavg()[0];
    const runs = [];
    for (const [name, targets] of shapes) {
      const rounds = [];
      for (let round = 0; round < ROUNDS; round++) rounds.push(await scenario(target, name, targets(round)));
      rounds.sort((a, b) => a.during.p99Ms - b.during.p99Ms);
      runs.push({ ...rounds[Math.floor(rounds.length / 2)], allP99: rounds.map((r) => r.during.p99Ms) });
    }
    report({ kind, version: database.version, article, runs, load: [loadBefore, os.loadavg()[0]] });
  } finally {
    await stopChild(server);
    database.drop?.();
  }
}

function report({ kind, version, article, runs, load }) {
  console.log(`\nSign-in burst (${version}, ${os.cpus().length} CPUs, Node ${process.version}): ${BURST} wrong-password sign-ins at once while a signed-in reader loads ${article} (${READER_CONCURRENCY} at a time)`);
  console.log(`goal: signed-in p99 under ${GOAL_P99_MS} ms during the burst (figures only, no pass/fail); median of ${ROUNDS} round(s) per shape`);
  console.log(`load average (1 min) ${fmt(load[0], 2)} before, ${fmt(load[1], 2)} after: figures from a busy machine are not comparable\n`);
  const rows = [['burst', 'quiet p50/p99 ms', 'during p50/p99 (max) ms', 'every round p99', 'page loads', 'checked (401)', 'refused (429)', 'other', 'burst wall ms']];
  for (const r of runs) {
    const other = Object.entries(r.statuses).filter(([s]) => s !== '401' && s !== '429').map(([s, n]) => `${n}×${s}`).join(' ') || '0';
    rows.push([
      r.name,
      `${fmt(r.quiet.p50Ms, 1)} / ${fmt(r.quiet.p99Ms, 1)}`,
      `${fmt(r.during.p50Ms, 1)} / ${fmt(r.during.p99Ms, 1)} (${fmt(r.during.maxMs)})`,
      r.allP99.map((ms) => fmt(ms)).join(', '),
      `${r.during.n}${r.during.failures ? ` (${r.during.failures} not 200)` : ''}`,
      String(r.checked),
      String(r.statuses[429] ?? 0),
      other,
      fmt(r.burstWallMs),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  console.log(`\n(${kind}) "checked" guesses reached argon2; the rest were refused before any hash: by the per-process gate`);
  console.log('(src/server/auth/password-check-gate.ts) or the database limits (src/lib/auth/rate-limit-policy.ts).');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
