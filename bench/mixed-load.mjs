#!/usr/bin/env node
// `npm run bench:load`: a mixed load against one built server (PGlite, or PostgreSQL with
// --postgres) for --seconds (120): anonymous reads, password sign-ins and unlocks by fresh
// readers with credits, in proportions --mix (80/10/10), from --connections closed-loop
// clients. Reports requests, failures and latency per kind; the server's RSS and heap sampled
// inside it every 5 s (first minute against last minute); and, after the server stopped, that
// every balance equals its ledger sum and every unlock was debited once. Exits 1 on any
// failure or a failed check, never on timing. See bench/README.md.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildSite, cleanupSync, installCleanupHandlers, log, makeTempDir, stopChild } from './lib/harness.mjs';
import { DEFAULT_POSTGRES_URL, startSeededServer } from './lib/bench-server.mjs';
import { runLoop } from './lib/http-loop.mjs';
import { checkLedger } from './lib/ledger-check.mjs';
import { probeEnv, probeNodeArgs, watchProbe } from './lib/memory.mjs';
import { positiveIntOption, readCommandLine, stopWithUsage } from './lib/command-line.mjs';
import { PORTS } from './lib/ports.mjs';
import { seedReaders } from './lib/seed-readers.mjs';
import { lockableStories } from './lib/site-stories.mjs';
import { mixedTraffic, parseMix } from './scenarios/mixed-traffic.mjs';
import { memoryWindows, renderMixedReport } from './scenarios/mixed-report.mjs';

const USAGE = `usage: npm run bench:load -- [--seconds 120] [--postgres] [--postgres-url URL] [--connections 16]
                             [--mix 80/10/10] [--sample-seconds 5] [--no-build]`;
const RESULTS = path.join(ROOT, 'bench/results');
const REQUESTS_PER_SECOND_GUESS = 1500; // sizes the unlock pool generously so it lasts the run

function readOptions() {
  const values = readCommandLine({
    usage: USAGE,
    options: {
      seconds: { type: 'string', default: '120' },
      postgres: { type: 'boolean', default: false },
      'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
      connections: { type: 'string', default: '16' },
      mix: { type: 'string', default: '80/10/10' },
      'sample-seconds': { type: 'string', default: '5' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const int = (name) => positiveIntOption(values, name, undefined, USAGE);
  const shares = (mix) => {
    try {
      return parseMix(mix);
    } catch (error) {
      return stopWithUsage(error.message, USAGE);
    }
  };
  return {
    seconds: int('seconds'),
    connections: int('connections'),
    sampleSeconds: int('sample-seconds'),
    mix: values.mix,
    mixShares: shares(values.mix),
    postgres: values.postgres,
    postgresUrl: values['postgres-url'],
    noBuild: values['no-build'],
  };
}

const opts = readOptions();
installCleanupHandlers();

async function main() {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = os.loadavg();
  const workDir = makeTempDir('load-', path.join(ROOT, '.data/bench'));
  const contentDir = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
  let outDir = path.join(workDir, 'out');
  if (opts.noBuild) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
  } else await buildSite({ label: 'load', contentDir, outDir, tmp: workDir });

  const articleFiles = readdirSync(path.join(contentDir, 'articles')).filter((f) => f.endsWith('.mdx') && !f.startsWith('_')).length;
  const credits = Math.min(20, articleFiles);
  const readers = Math.ceil((opts.seconds * REQUESTS_PER_SECOND_GUESS * opts.mixShares.unlock) / credits) || 1;
  const kind = opts.postgres ? 'postgres' : 'pglite';
  const { server, database, seeded, dataDir } = await startSeededServer({
    kind,
    label: `load-${kind}`,
    outDir,
    workDir,
    port: PORTS.mixedLoad,
    postgresUrl: opts.postgresUrl,
    nodeArgs: probeNodeArgs(),
    env: probeEnv(opts.sampleSeconds * 1000),
    seed: async (db) => ({
      unlockReaders: await seedReaders(db, { prefix: 'load-unlock', count: readers, credits }),
      signInAccounts: await seedReaders(db, { prefix: 'load-sign-in', count: 100, sessions: false }),
    }),
  });
  const samples = watchProbe(server);
  const stories = await lockableStories(server.base);
  const traffic = mixedTraffic({ base: server.base, mix: opts.mixShares, stories, credits, unlockReaders: seeded.unlockReaders, signInAccounts: seeded.signInAccounts });
  log(`${opts.seconds} s of mixed load (${opts.mix}) from ${opts.connections} clients on ${database.version}; ${readers} readers x ${credits} credits`);

  const loadStartedAt = performance.now();
  const run = await runLoop({ seconds: opts.seconds, concurrency: opts.connections, next: traffic.next });
  await new Promise((resolve) => setTimeout(resolve, opts.sampleSeconds * 1000 + 500)); // one more sample after the load
  await stopChild(server);

  const kinds = run.kinds;
  const all = Object.values(kinds);
  const totals = {
    requests: all.reduce((n, k) => n + k.requests, 0),
    unexpected: all.reduce((n, k) => n + k.unexpected, 0),
    errors: all.reduce((n, k) => n + k.errors, 0),
    timeouts: all.reduce((n, k) => n + k.timeouts, 0),
    examples: Object.entries(kinds).flatMap(([name, k]) => k.examples.map((e) => `${name}: ${e}`)).slice(0, 5),
  };
  totals.failed = totals.unexpected + totals.errors + totals.timeouts;
  const unlocks303 = kinds.unlock?.statuses?.[303] ?? 0;
  const ledger = await checkLedger({ kind, dataDir: path.join(workDir, `data-load-${kind}`), url: database.url, emailLike: 'load-%@bench.masthead.test', expectedUnlocks: unlocks303 });
  database.drop?.();
  void dataDir;

  const results = {
    date: startedAt,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown CPU', node: process.version, loadAverage: loadAverageAtStart },
    database: database.version,
    options: opts,
    durationSeconds: run.durationSeconds,
    poolExhausted: run.exhausted,
    readers,
    credits,
    stories: stories.length,
    kinds,
    totals,
    memory: memoryWindows(samples, loadStartedAt, run.durationSeconds),
    ledger,
  };
  const report = renderMixedReport(results);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'mixed-load-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'mixed-load-latest.md'), report);
  console.log(`\n${report}\nWritten to bench/results/mixed-load-latest.md (timeline of memory samples: mixed-load-latest.json).`);
  if (totals.failed > 0 || !ledger.ok || run.exhausted) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`\nmixed load failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
