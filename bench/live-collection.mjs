#!/usr/bin/env node
// Astro 7's live content collections against the direct read, for decision 012. A throwaway
// Astro project (bench/live-collection/) serves one stored story two ways: page A through a
// live collection (getLiveEntry, then render() of the entry's rendered HTML), page B with the
// same read (findStoryAt) in its frontmatter and set:html; same layout, so the difference is
// the collection layer. A second build puts Astro's route cache (memoryCache() and a route
// rule) on page B. A generated archive is taken into PGlite and into a PostgreSQL database
// through content:sync; each page is loaded with autocannon at 1 and 8 connections over the
// same story paths, in interleaved rounds. Figures only; exits 1 when a check or a request
// fails. See bench/README.md.
//
//   npm run bench:live-collection -- [--stories 300] [--rounds 5] [--seconds 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The bench imports the project's TypeScript modules (Node 24's type stripping); checked here,
// before any of them is imported, so an older node stops with a message instead of a stack.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`bench/live-collection.mjs needs Node 24 (found ${process.version}): run it with npm run bench:live-collection`);
  process.exit(2);
}

const { ROOT, installCleanupHandlers, log, makeTempDir, stopChild } = await import('./lib/harness.mjs');
const { positiveIntOption, readCommandLine } = await import('./lib/command-line.mjs');
const { DEFAULT_POSTGRES_URL } = await import('./lib/bench-server.mjs');
const { createBenchDatabase } = await import('./lib/bench-database.mjs');
const { writeArchive } = await import('./lib/archive-generate.mjs');
const { archiveEnv, runContentSync, runMigrate } = await import('./lib/archive-server.mjs');
const { buildBenchSite, checkRouteCache, checkSamePages, startBenchSite } = await import('./live-collection/site.mjs');
const { interleavedRounds, warmUp } = await import('./live-collection/measure.mjs');
const { renderDatabaseReport } = await import('./live-collection/report.mjs');

const USAGE = `usage: npm run bench:live-collection -- [--stories 300] [--rounds 5] [--seconds 5]
         [--skip-postgres] [--skip-route-cache] [--postgres-url ${DEFAULT_POSTGRES_URL}]`;
const values = readCommandLine({
  usage: USAGE,
  options: {
    stories: { type: 'string' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-route-cache': { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
  },
});
const opts = {
  stories: positiveIntOption(values, 'stories', '300', USAGE),
  rounds: positiveIntOption(values, 'rounds', '5', USAGE),
  seconds: positiveIntOption(values, 'seconds', '5', USAGE),
  routeCache: !values['skip-route-cache'],
  postgresUrl: values['skip-postgres'] ? undefined : values['postgres-url'],
};
const CONNECTIONS = [1, 8];

installCleanupHandlers();
const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
const machine = `${os.availableParallelism()} CPUs, Node ${process.versions.node}, load average at the start ${load}`;
log(machine);

const workDir = makeTempDir('live-collection-', path.join(ROOT, '.data/bench'));
const archive = writeArchive({ count: opts.stories, out: path.join(workDir, 'content') });
const paths = archive.samples.map((s) => s.path);
log(`${archive.count} stories generated, ${paths.length} story paths to load`);
const plainEntry = await buildBenchSite({ workDir, routeCache: false });
const cachedEntry = opts.routeCache ? await buildBenchSite({ workDir, routeCache: true }) : undefined;

/** Takes the archive into one database; returns the environment that points the site at it. */
async function prepareDatabase(kind) {
  if (kind === 'PGlite') {
    const env = archiveEnv({ contentDir: archive.out, dataDir: path.join(workDir, 'data-pglite') });
    await runMigrate({ label: kind, env });
    await runContentSync({ label: kind, env });
    return { DATA_DIR: env.DATA_DIR, DATABASE_URL: '' };
  }
  const database = await createBenchDatabase(opts.postgresUrl, `masthead_bench_live_${process.pid}`);
  await runContentSync({ label: kind, env: archiveEnv({ contentDir: archive.out, dataDir: path.join(workDir, 'data-unused'), databaseUrl: database.url }) });
  return { DATABASE_URL: database.url };
}

const onRow = (kind) => ({ round, connections, target, row }) =>
  log(`${kind} round ${round + 1}, ${connections} conn, ${target}: ${Math.round(row.reqPerSec)} req/s, p50 ${row.p50Ms.toFixed(2)} ms, p99 ${row.p99Ms.toFixed(1)} ms, ${Math.round(row.cpuUsPerReq)} CPU µs/req`);

/** Both pages on the plain build, then page B on the route-cache build (one server at a time: PGlite has one opener). */
async function measureDatabase(kind) {
  const databaseEnv = await prepareDatabase(kind);
  const common = { paths, connectionCounts: CONNECTIONS, seconds: opts.seconds, rounds: opts.rounds, onRow: onRow(kind) };
  const plain = await startBenchSite({ entry: plainEntry, label: `${kind}, plain`, databaseEnv, probePath: `/direct${paths[0]}` });
  let runs;
  try {
    await checkSamePages(plain.base, paths.slice(0, 20));
    await warmUp({ server: plain, prefixes: ['/live', '/direct'], paths, seconds: opts.seconds });
    runs = await interleavedRounds({ ...common, server: plain, targets: [{ name: 'live', prefix: '/live' }, { name: 'direct', prefix: '/direct' }] });
  } finally {
    await stopChild(plain);
  }
  if (cachedEntry) {
    const cached = await startBenchSite({ entry: cachedEntry, label: `${kind}, route cache`, databaseEnv, probePath: `/live${paths[0]}` });
    try {
      await checkRouteCache(cached.base, paths[0]);
      await warmUp({ server: cached, prefixes: ['/direct'], paths, seconds: opts.seconds });
      Object.assign(runs, await interleavedRounds({ ...common, server: cached, targets: [{ name: 'cached', prefix: '/direct' }] }));
    } finally {
      await stopChild(cached);
    }
  }
  return runs;
}

const results = [];
for (const kind of ['PGlite', ...(opts.postgresUrl ? ['PostgreSQL'] : [])]) {
  results.push({ database: kind, runs: await measureDatabase(kind) });
}

const lines = [
  `### Live collection against direct read (${new Date().toISOString().slice(0, 10)}; ${machine})`,
  '',
  `${archive.count} generated stories, ${paths.length} story paths cycled by every connection, ${opts.rounds} rounds x ${opts.seconds} s per row, medians over rounds.`,
  '',
  ...results.flatMap((r) => [...renderDatabaseReport({ ...r, connectionCounts: CONNECTIONS }), '']),
];
console.log(`\n${lines.join('\n')}`);
const resultsDir = path.join(ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'live-collection-latest.json'), JSON.stringify({ machine, opts, results }, null, 2));
log('figures written to bench/results/live-collection-latest.json');
process.exit(0);
