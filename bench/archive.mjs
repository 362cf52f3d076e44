#!/usr/bin/env node
// `npm run bench:archive`: what a large archive costs. For each size (1,000, 20,000 and
// 200,000 stories by default) it generates a content folder (bench/lib/archive-generate.mjs),
// and on each database (PGlite in a folder of its own; a PostgreSQL database created for the
// run and dropped after) it times `content:sync`, starts scripts/serve.ts on one build with
// MASTHEAD_CONTENT_DIR set, and reads: start to first 200, RSS after warm-up and after the
// mixed read load, uncached p50/p99 of an article (one client, then several), section page 1, a deep section page and
// search, feed and sitemap times; then restarts it watching the folder and times
// publish-to-live. Prints a markdown table and how long each step took. Never fails on
// timing; exits 1 when a step failed or a request did not answer 200. See bench/README.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireNode24 } from './lib/bench-options.mjs';

requireNode24('bench:archive');

const { ROOT, buildSite, cleanupSync, installCleanupHandlers, log, makeTempDir, stopChild, get } = await import('./lib/harness.mjs');
const { createBenchDatabase, withDatabase } = await import('./lib/bench-database.mjs');
const { forgetIngest, keepArchive, keepIngest, keptArchive, keptIngest, keptPlaces } = await import('./lib/archive-kept.mjs');
const { readArchiveOptions } = await import('./lib/archive-options.mjs');
const { writeArchive } = await import('./lib/archive-generate.mjs');
const { archiveEnv, runContentSync, runMigrate, startArchiveServer, waitForOutput } = await import('./lib/archive-server.mjs');
const { archivePaths, latencyRow, mixedReadLoad, sitemapTimes, timedFetches } = await import('./lib/archive-measure.mjs');
const { publishToLive } = await import('./lib/archive-publish.mjs');
const { renderArchiveReport } = await import('./lib/archive-report.mjs');
const { processRssMb } = await import('./lib/memory.mjs');

const RESULTS = path.join(ROOT, 'bench/results');
/** The line scripts/serve.ts prints when its start-up sync of the content folder is done. */
const STARTUP_SYNC_DONE = /Content: .*: \d+ saved, \d+ unchanged, \d+ unpublished, \d+ not taken in \((\d+) ms\)/;
const opts = readArchiveOptions();
installCleanupHandlers();

/** Runs `fn`, recording its wall time in `steps[name]`. */
async function step(steps, name, fn) {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    steps[name] = (performance.now() - started) / 1000;
  }
}

/** One archive on one database: ingest, serve, measure, publish; everything it made is removed. */
async function runOne({ archive, kind, outDir, workDir }) {
  const r = { size: archive.count, database: kind, steps: {} };
  const kept = opts.keep ? keptPlaces(opts.keep, archive.count, kind) : undefined;
  const earlier = opts.keep ? keptIngest(opts.keep, archive.count, kind) : undefined;
  if (opts.keep && !earlier) forgetIngest(opts.keep, archive.count, kind);
  const dataDir = kept?.dataDir ?? path.join(workDir, `data-${archive.count}-${kind}`);
  const databaseName = kept?.databaseName ?? `masthead_bench_archive_${archive.count}_${process.pid}`;
  let database = { url: '' };
  if (kind === 'postgres') {
    database = earlier
      ? { url: withDatabase(opts.postgresUrl, databaseName) }
      : await step(r.steps, 'create and migrate the database', () => createBenchDatabase(opts.postgresUrl, databaseName, undefined, { keep: Boolean(kept) }));
  }
  const env = archiveEnv({ contentDir: archive.out, dataDir, databaseUrl: database.url });
  try {
    if (earlier) {
      Object.assign(r, { ingest: earlier.ingest, resync: earlier.resync, ingestedBy: earlier.date });
      log(`${archive.count} on ${kind}: served as taken in by the run of ${earlier.date} (--keep)`);
    } else {
      if (kind === 'pglite') await step(r.steps, 'create and migrate the database', () => runMigrate({ label: `${archive.count} on ${kind}`, env }));
      r.ingest = await step(r.steps, 'content:sync', () => runContentSync({ label: `${archive.count} on ${kind}`, env }));
      r.resync = await step(r.steps, 'content:sync again (nothing changed)', () => runContentSync({ label: `${archive.count} on ${kind}, again`, env }));
      if (kept) keepIngest(opts.keep, archive.count, kind, { ingest: r.ingest, resync: r.resync });
    }

    const paths = archivePaths(archive, opts.seed);
    r.deepPage = paths.sectionDeep.page;
    const server = await step(r.steps, 'server start to first 200', () =>
      startArchiveServer({ label: `${archive.count}-${kind}`, outDir, env: { ...env, ANONYMOUS_CACHE_SECONDS: '0', CONTENT_WATCH: 'false' } }),
    );
    r.startSeconds = server.startSeconds;
    try {
      // The server answers at once and takes the folder in (unchanged: content:sync ran) in the
      // background; the measurements wait for that to end, and its time is reported.
      r.startupSyncDoneSeconds = await step(r.steps, 'until the start-up sync is done', () => waitForOutput(server, STARTUP_SYNC_DONE));
      r.startupSyncMs = Number(STARTUP_SYNC_DONE.exec(server.output())?.[1] ?? NaN);
      await step(r.steps, 'warm-up', async () => {
        for (const p of ['/', ...paths.sectionFirst, paths.sectionDeep.path, ...paths.articles.slice(0, 20), ...paths.search.slice(0, 3), '/rss.xml', '/sitemap.xml']) await get(`${server.base}${p}`);
      });
      r.rssWarmMb = processRssMb(server.child.pid).rssMb;
      const row = (label, list, connections = opts.connections) => latencyRow({ base: server.base, label, paths: list, seconds: opts.seconds, connections });
      r.rows = await step(r.steps, 'latency rows', async () => ({
        // One client: what a reader waits for when the server is not queueing other requests.
        articleOneClient: await row('article (uncached), one client', paths.articles, 1),
        searchOneClient: await row('search, one client', paths.search, 1),
        article: await row('article (uncached)', paths.articles),
        sectionFirst: await row('section page 1', paths.sectionFirst),
        sectionDeep: await row(`section page ${paths.sectionDeep.page}`, [paths.sectionDeep.path]),
        search: await row('search', paths.search),
      }));
      r.feed = await step(r.steps, 'feed', async () => ({ ...(await timedFetches({ base: server.base, path: '/rss.xml' })), body: undefined }));
      r.sitemap = await step(r.steps, 'sitemap', () => sitemapTimes(server.base));
      r.load = await step(r.steps, 'mixed read load', () => mixedReadLoad({ base: server.base, paths, seconds: opts.loadSeconds, connections: opts.connections, seed: opts.seed }));
      const mem = processRssMb(server.child.pid);
      r.rssAfterLoadMb = mem.rssMb;
      r.peakRssMb = mem.peakMb;
    } finally {
      await stopChild(server);
    }

    const watching = await step(r.steps, 'server start, watching', () =>
      startArchiveServer({ label: `${archive.count}-${kind}-watch`, outDir, env: { ...env, ANONYMOUS_CACHE_SECONDS: '60', CONTENT_WATCH: 'true' } }),
    );
    r.watchStartSeconds = watching.startSeconds;
    try {
      // The server answers while it takes the folder in; the watcher starts after that, and a
      // file saved before it starts is not seen (reported to the ingest owner), so wait for it.
      r.watchReadySeconds = await step(r.steps, 'until the watcher is on', () => waitForOutput(watching, /watching .* for changes/));
      r.publish = await step(r.steps, 'publish-to-live', () =>
        publishToLive({ base: watching.base, contentDir: archive.out, section: archive.sections[0], author: archive.authors[0], samples: opts.publishSamples, serverOutput: watching.output }),
      );
    } finally {
      await stopChild(watching);
    }
  } finally {
    if (!kept) {
      database.drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const failures = Object.values(r.rows ?? {}).reduce((n, x) => n + x.failed, 0) + (r.load?.failed ?? 0) + (r.feed?.status === 200 ? 0 : 1) + (r.publish?.missed ?? 0);
  r.failed = failures;
  return r;
}

async function main() {
  const date = new Date().toISOString();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown CPU', memGb: os.totalmem() / 1024 ** 3, node: process.version, loadAverage: os.loadavg() };
  const workDir = makeTempDir('archive-', path.join(ROOT, '.data/bench'));
  let outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
  let build = `the build in ${path.relative(ROOT, outDir) || outDir}/ (--no-build)`;
  if (!opts.noBuild) {
    outDir = path.join(workDir, 'out');
    const built = await buildSite({ label: 'archive', contentDir: path.join(ROOT, 'content'), outDir, tmp: workDir });
    build = `astro build once, ${built.wallSeconds.toFixed(1)} s`;
  }
  if (opts.keep) mkdirSync(opts.keep, { recursive: true });
  const runs = [];
  const generated = [];
  for (const size of opts.sizes) {
    const out = opts.keep ? keptPlaces(opts.keep, size, '').contentDir : path.join(workDir, `archive-${size}`);
    const started = performance.now();
    let archive = opts.keep ? keptArchive(opts.keep, size, opts.seed) : undefined;
    if (archive) log(`${size} stories: the archive kept in ${out} (--keep)`);
    else {
      rmSync(out, { recursive: true, force: true });
      // A new archive: whatever was taken in from an earlier one is stale.
      if (opts.keep) for (const kind of ['pglite', 'postgres']) forgetIngest(opts.keep, size, kind);
      archive = writeArchive({ count: size, out, seed: opts.seed });
      if (opts.keep) keepArchive(opts.keep, archive, opts.seed);
      const seconds = (performance.now() - started) / 1000;
      generated.push({ size, seconds, averageWords: archive.averageWords });
      log(`generated ${size} stories (about ${archive.averageWords} words each) in ${seconds.toFixed(1)} s`);
    }
    for (const kind of opts.databases) {
      try {
        runs.push(await runOne({ archive, kind, outDir, workDir }));
      } catch (error) {
        console.error(`\n${size} on ${kind} failed: ${error.stack ?? error}`);
        runs.push({ size, database: kind, error: String(error.message ?? error), failed: 1 });
      }
    }
    if (!opts.keep) rmSync(out, { recursive: true, force: true });
  }
  const result = { date, machine, options: opts, build, generated, runs };
  const report = renderArchiveReport(result);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, 'archive-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(RESULTS, 'archive-latest.md'), report);
  console.log(`\n${report}\nWritten to bench/results/archive-latest.md (every figure in archive-latest.json).`);
  if (runs.some((r) => r.failed > 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`\nbench:archive failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
