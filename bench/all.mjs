#!/usr/bin/env node
// `npm run bench`: one table, measured in one run on this machine. Per database (PGlite, and
// PostgreSQL when reachable), one server from the same build, as shipped: the static ceiling
// (a file served by that server), the anonymous article, a signed-in reader's unlocked
// article, the unlock action and the password sign-in; req/s, p50, p99 and the ratio to the
// static ceiling. Below it: server memory with N generated stories and the build times.
// Prints markdown and writes it to bench/results/latest.md (and every figure to latest.json).
// It never passes or fails on timing. See bench/README.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildSite, cleanupSync, get, installCleanupHandlers, log, makeTempDir, onCleanup, stopChild } from './lib/harness.mjs';
import { readBenchOptions } from './lib/bench-options.mjs';
import { renderReport } from './lib/bench-report.mjs';
import { startSeededServer } from './lib/bench-server.mjs';
import { processRssMb } from './lib/memory.mjs';
import { checkTeaserShown } from './lib/page-checks.mjs';
import { pageWeight } from './lib/page-weight.mjs';
import { PORTS } from './lib/ports.mjs';
import { seedReaders } from './lib/seed-readers.mjs';
import { lockableStories } from './lib/site-stories.mjs';
import { withLockedParts } from './lib/story-expectations.mjs';
import { measureLargeSite, warmFootprint } from './scenarios/large-site.mjs';
import { STATIC_PATH, requirePassed } from './scenarios/row-checks.mjs';
import { ROWS, combineRounds, measureRound, prepareTargets, warmUp } from './scenarios/table-rows.mjs';

const opts = readBenchOptions();
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const WORK_BASE = path.join(ROOT, '.data/bench');
const UNLOCKS_PER_SECOND_GUESS = 800; // sizes the unlock pool so it does not run out

installCleanupHandlers();

async function main() {
  const workDir = makeTempDir('run-', WORK_BASE);
  const sampleContent = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
  const articleFiles = readdirSync(path.join(sampleContent, 'articles')).filter((f) => f.endsWith('.mdx') && !f.startsWith('_')).length;
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown CPU', memGb: os.totalmem() / 2 ** 30, node: process.version, loadAverage: os.loadavg() },
    options: opts,
    sampleBuild: { articles: articleFiles },
    databases: [],
    memory: [],
  };

  // 1. One build of the sample content for every server.
  let outDir;
  if (opts.noBuild) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
  } else {
    outDir = path.join(workDir, 'sample-out');
    Object.assign(results.sampleBuild, await buildSite({ label: 'sample', contentDir: sampleContent, outDir, tmp: workDir }));
  }

  // 2. Readers, seeded before each server opens its database.
  const credits = Math.min(20, articleFiles);
  const unlockReaders = Math.ceil(((opts.rounds + 1) * opts.seconds * UNLOCKS_PER_SECOND_GUESS) / credits);
  const seed = async (db) => ({
    credits,
    pageReader: (await seedReaders(db, { prefix: 'page', count: 1 }))[0],
    unlockReaders: await seedReaders(db, { prefix: 'unlock', count: unlockReaders, credits }),
    signInAccounts: await seedReaders(db, { prefix: 'sign-in', count: 40, sessions: false }),
  });
  const kinds = [
    { kind: 'pglite', name: 'PGlite', port: PORTS.benchPglite },
    ...(opts.skipPostgres ? [] : [{ kind: 'postgres', name: 'PostgreSQL', port: PORTS.benchPostgres }]),
  ];
  const live = [];
  for (const k of kinds) {
    try {
      const started = await startSeededServer({ kind: k.kind, label: k.kind, outDir, workDir, port: k.port, postgresUrl: opts.postgresUrl, seed });
      const entry = { ...k, ...started, name: k.kind === 'postgres' ? `${started.database.version}` : 'PGlite' };
      live.push(entry);
    } catch (error) {
      log(`${k.name}: ${error.message.split('\n')[0]}`);
      results.databases.push({ name: k.name, error: error.message.split('\n')[0] });
    }
  }
  if (live.length === 0) throw new Error('no server started');

  // 3. The article under test (checked: the offer, none of its locked text), and the same bytes
  // as a static file in the build. Each story's locked parts are read from its source, for the checks.
  const stories = withLockedParts(await lockableStories(live[0].server.base), sampleContent);
  const articlePath = stories[0].path;
  const anonymous = await get(live[0].server.base + articlePath);
  requirePassed(checkTeaserShown({ status: anonymous.status, html: anonymous.body.toString('utf8') }, stories[0], { state: 'anonymous' }), `the anonymous ${articlePath}`);
  const staticFile = path.join(outDir, 'client', STATIC_PATH.slice(1));
  const before = existsSync(staticFile) ? readFileSync(staticFile) : null;
  onCleanup(() => (before ? writeFileSync(staticFile, before) : rmSync(staticFile, { force: true })));
  writeFileSync(staticFile, anonymous.body);
  Object.assign(results, { articlePath, articleBytes: anonymous.body.length, weight: await pageWeight(anonymous.body, live[0].server.base + articlePath) });
  log(`article ${articlePath}; ${stories.length} stories with locked parts; ${unlockReaders} unlock readers x ${credits} credits per server`);

  // 4. Per server: memory after the first pages, the reader states, a warm-up.
  for (const s of live) {
    s.memory = await warmFootprint(s.server, articlePath);
    s.targets = await prepareTargets({ server: s.server, articlePath, stories, seeded: s.seeded, staticBytes: anonymous.body });
    s.ctx = { server: s.server, articlePath, targets: s.targets, connections: opts.connections, seconds: opts.seconds };
    await warmUp(s.ctx, 1);
    s.rounds = [];
  }

  // 5. Rounds: every row on every server, the servers alternating and the row order rotating.
  for (let round = 0; round < opts.rounds; round++) {
    const servers = round % 2 ? [...live].reverse() : live;
    for (const s of servers) {
      const order = ROWS.map((_, i) => ROWS[(i + round) % ROWS.length]);
      log(`round ${round + 1}/${opts.rounds} on ${s.name}`);
      s.rounds.push(await measureRound(s.ctx, order));
    }
  }
  for (const s of live) {
    const after = processRssMb(s.server.child.pid);
    results.databases.push({ name: s.name, rows: combineRounds(s.rounds), rounds: s.rounds });
    results.memory.push({ label: `sample content, ${s.name}`, ...s.memory, afterLoadMb: after.rssMb, peakMb: after.peakMb });
    await stopChild(s.server);
    s.database.drop?.();
  }
  results.databases.sort((a, b) => (a.name === 'PGlite' ? -1 : b.name === 'PGlite' ? 1 : 0));

  // 6. The large site: build time and memory.
  if (!opts.skipLarge) {
    try {
      results.large = await measureLargeSite({ stories: opts.stories, sampleContent, workDir, port: PORTS.benchLarge, connections: opts.connections, seconds: opts.seconds });
      results.memory.push({ label: `${results.large.stories.toLocaleString("en-US")} generated stories, PGlite`, ...results.large });
    } catch (error) {
      results.large = { error: String(error.message).slice(0, 2000) };
      process.exitCode = 1;
    }
  }

  const report = renderReport(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'latest.md'), report);
  console.log(`\n${report}\nWritten to bench/results/latest.md (every figure, each round included: latest.json).`);
}

main().catch((error) => {
  console.error(`\nbenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
