#!/usr/bin/env node
// `npm run bench:profile`: where a signed-in reader's article request spends its time. Per
// database (PGlite, and PostgreSQL when reachable), one server from one build runs under
// node --cpu-prof while autocannon loads the unlocked article with the reader's cookie (checked
// before: the page shows the story's locked text). The samples taken during the load are summed
// by part (bench/lib/cpu-profile-summary.mjs) and printed as milliseconds of CPU per request
// and shares. It never passes or fails on timing.
//
//   npm run bench:profile                         # 10 s of load, 20 connections, both databases
//   npm run bench:profile -- --no-build --seconds 5 --skip-postgres
//   npm run bench:profile -- --rendered          # the same page rendered in full (a query string is never assembled)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildSite, cannon, cleanupSync, installCleanupHandlers, log, makeTempDir, onCleanup, stopChild, summarize } from './lib/harness.mjs';
import { DEFAULT_POSTGRES_URL, startSeededServer } from './lib/bench-server.mjs';
import { positiveIntOption, readCommandLine } from './lib/command-line.mjs';
import { summarizeCpuProfile } from './lib/cpu-profile-summary.mjs';
import { checkLockedPartsShown } from './lib/page-checks.mjs';
import { PORTS } from './lib/ports.mjs';
import { cookieHeader, unlock } from './lib/reader-http.mjs';
import { seedReaders } from './lib/seed-readers.mjs';
import { lockableStories } from './lib/site-stories.mjs';
import { withLockedParts } from './lib/story-expectations.mjs';
import { requirePassed, storyPage } from './scenarios/row-checks.mjs';

const USAGE = `usage: npm run bench:profile -- [--seconds 10] [--connections 20] [--rendered] [--no-build] [--skip-postgres] [--postgres-url ${DEFAULT_POSTGRES_URL}]`;
const values = readCommandLine({
  usage: USAGE,
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    rendered: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
  },
});
const opts = {
  seconds: positiveIntOption(values, 'seconds', undefined, USAGE),
  connections: positiveIntOption(values, 'connections', undefined, USAGE),
  rendered: values.rendered,
  noBuild: values['no-build'],
  skipPostgres: values['skip-postgres'],
  postgresUrl: values['postgres-url'],
};
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

installCleanupHandlers();

async function profileOne({ kind, port, outDir, workDir, contentDir }) {
  const profileDir = path.join(workDir, `profile-${kind}`);
  mkdirSync(profileDir, { recursive: true });
  const seed = async (db) => ({ pageReader: (await seedReaders(db, { prefix: 'page', count: 1 }))[0] });
  const { server, database, seeded } = await startSeededServer({ kind, label: kind, outDir, workDir, port, postgresUrl: opts.postgresUrl, seed, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  onCleanup(() => database.drop?.());
  try {
    const [story] = withLockedParts(await lockableStories(server.base, 1), contentDir);
    const reader = seeded.pageReader;
    const unlocked = await unlock(server.base, story, reader.token);
    if (!unlocked.ok) throw new Error(`unlocking ${story.path} answered ${unlocked.status} ${unlocked.detail ?? ''}`);
    requirePassed(checkLockedPartsShown(await storyPage(server.base, story, reader.token), story, { readerEmail: reader.email }), `the reader's ${story.path} on ${kind}`);
    // A query string sends the request to the full render (src/server/http/signed-in-pages.ts).
    const url = server.base + story.path + (opts.rendered ? '?rendered' : '');
    await cannon({ url, connections: opts.connections, seconds: 2, headers: cookieHeader(reader.token) }); // warm-up, not counted
    const fromUs = nowUs();
    const load = summarize(await cannon({ url, connections: opts.connections, seconds: opts.seconds, headers: cookieHeader(reader.token) }));
    const toUs = nowUs();
    await stopChild(server);
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`the ${kind} server wrote no CPU profile in ${profileDir}`);
    const summary = summarizeCpuProfile(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')), { fromUs, toUs });
    return { database: database.version, path: story.path, load, ...summary };
  } finally {
    await stopChild(server);
    database.drop?.();
  }
}

function report(results) {
  const lines = [`### \`npm run bench:profile\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, ''];
  for (const r of results) {
    if (r.error) {
      lines.push(`**${r.kind}**: ${r.error}`, '');
      continue;
    }
    const perRequest = r.busyMs / Math.max(1, r.load.requests);
    lines.push(
      `**${r.database}**: \`${r.path}\`, signed in and unlocked, ${opts.rendered ? 'rendered in full' : 'assembled'}, ${opts.connections} connections, ${opts.seconds} s: ${Math.round(r.load.reqPerSec).toLocaleString('en-US')} req/s, p50 ${r.load.p50Ms} ms, p99 ${r.load.p99Ms} ms; the server's main thread was busy ${Math.round(r.busyMs)} ms (${Math.round((100 * r.busyMs) / (r.busyMs + r.idleMs))} % of the load), ${(perRequest * 1000).toFixed(0)} µs of CPU per request.`,
      '',
      '| part | ms | µs per request | share |',
      '| --- | ---: | ---: | ---: |',
      ...r.parts.map((p) => `| ${p.part} | ${Math.round(p.ms)} | ${((p.ms / Math.max(1, r.load.requests)) * 1000).toFixed(0)} | ${(100 * p.share).toFixed(1)} % |`),
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  const workDir = makeTempDir('profile-', path.join(ROOT, '.data/bench'));
  const contentDir = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
  let outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
  if (!opts.noBuild) {
    outDir = path.join(workDir, 'out');
    await buildSite({ label: 'sample', contentDir, outDir, tmp: workDir });
  }
  const kinds = [{ kind: 'pglite', port: PORTS.benchPglite }, ...(opts.skipPostgres ? [] : [{ kind: 'postgres', port: PORTS.benchPostgres }])];
  const results = [];
  for (const k of kinds) {
    try {
      results.push(await profileOne({ ...k, outDir, workDir, contentDir }));
    } catch (error) {
      results.push({ kind: k.kind, error: String(error.message).split('\n')[0] });
    }
  }
  const text = report(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'profile-latest.md'), `${text}\n`);
  console.log(`\n${text}\nWritten to bench/results/profile-latest.md.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanupSync);
