#!/usr/bin/env node
// What the log costs (docs/decisions/017-structured-logs.md): four servers from one build on
// PGlite, two logging as shipped (JSON lines on stdout, read by this process as a collector
// would) and two with LOG_LEVEL=silent, loaded in turns so that the machine's other work
// weighs on both alike: the anonymous article (cache hits) and the signed-in, unlocked article
// (assembled pages), R rounds, the order rotating. Prints req/s and the server's CPU per request
// (user + system, from /proc): on this 2-core machine the load generator and the reader of the
// lines share the second core, so req/s also counts what reading the lines costs them, and CPU
// per request is the server's own share. It never passes or fails on timing.
//
//   npx node bench/log-cost.mjs                  # 5 rounds x 5 s per row, 20 connections
//   npx node bench/log-cost.mjs --rounds 3 --seconds 3 --no-build
import path from 'node:path';
import { ROOT, buildSite, cannon, cleanupSync, installCleanupHandlers, log, makeTempDir, median, processCpuMs, stopChild, summarize } from './lib/harness.mjs';
import { startSeededServer } from './lib/bench-server.mjs';
import { positiveIntOption, readCommandLine } from './lib/command-line.mjs';
import { PORTS } from './lib/ports.mjs';
import { cookieHeader, unlock } from './lib/reader-http.mjs';
import { seedReaders } from './lib/seed-readers.mjs';
import { lockableStories } from './lib/site-stories.mjs';

const USAGE = 'usage: npx node bench/log-cost.mjs [--rounds 5] [--seconds 5] [--connections 20] [--no-build]';
const values = readCommandLine({
  usage: USAGE,
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    'no-build': { type: 'boolean', default: false },
  },
});
const opts = {
  rounds: positiveIntOption(values, 'rounds', undefined, USAGE),
  seconds: positiveIntOption(values, 'seconds', undefined, USAGE),
  connections: positiveIntOption(values, 'connections', undefined, USAGE),
  noBuild: values['no-build'],
};
installCleanupHandlers();

// Two servers of each kind, started in turns: two processes doing the same work differ by up
// to 10 % on this machine (measured with both logging alike), so each kind's figure pools two.
const ON = { name: 'logs on', env: { LOG_FORMAT: 'json', LOG_LEVEL: 'info' } };
const OFF = { name: 'logs off', env: { LOG_LEVEL: 'silent' } };
const SETUPS = [
  { ...ON, port: PORTS.benchPglite },
  { ...OFF, port: PORTS.benchPostgres },
  { ...ON, port: PORTS.benchLarge },
  { ...OFF, port: PORTS.mixedLoad },
];

async function main() {
  const workDir = makeTempDir('log-cost-', path.join(ROOT, '.data/bench'));
  let outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
  if (!opts.noBuild) {
    outDir = path.join(workDir, 'out');
    await buildSite({ label: 'sample', contentDir: path.resolve(ROOT, 'content'), outDir, tmp: workDir });
  }
  const servers = [];
  try {
    for (const setup of SETUPS) {
      const seed = async (db) => (await seedReaders(db, { prefix: 'page', count: 1 }))[0];
      const { server, seeded: reader } = await startSeededServer({ kind: 'pglite', label: `${setup.name.replace(' ', '-')}-${setup.port}`, outDir, workDir, port: setup.port, seed, env: setup.env });
      const [story] = await lockableStories(server.base, 1);
      const unlocked = await unlock(server.base, story, reader.token);
      if (!unlocked.ok) throw new Error(`unlocking ${story.path} on ${setup.name} answered ${unlocked.status}`);
      servers.push({ ...setup, server, url: server.base + story.path, headers: cookieHeader(reader.token) });
    }
    const rows = [
      { name: 'article, anonymous', load: (s) => ({ url: s.url }) },
      { name: 'article, signed in, unlocked', load: (s) => ({ url: s.url, headers: s.headers }) },
    ];
    for (const s of servers) for (const row of rows) await cannon({ ...row.load(s), connections: opts.connections, seconds: 1 }); // warm-up
    const results = new Map(rows.flatMap((row) => [ON, OFF].map((kind) => [`${row.name}|${kind.name}`, []])));
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const row of rows) {
        for (const s of order) {
          const cpuBefore = processCpuMs(s.server.child.pid);
          const { reqPerSec, requests } = summarize(await cannon({ ...row.load(s), connections: opts.connections, seconds: opts.seconds }));
          const cpuUsPerRequest = ((processCpuMs(s.server.child.pid) - cpuBefore) * 1000) / Math.max(1, requests);
          results.get(`${row.name}|${s.name}`).push({ reqPerSec, cpuUsPerRequest });
        }
      }
      log(`round ${round + 1}/${opts.rounds} done`);
    }
    const lines = [
      '| row | logs on req/s | logs off req/s | on / off | server CPU µs per request, on | off | on / off | req/s by round (on; off) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ];
    for (const row of rows) {
      const [on, off] = [ON, OFF].map((kind) => results.get(`${row.name}|${kind.name}`));
      const rps = (xs) => median(xs.map((x) => x.reqPerSec));
      const cpu = (xs) => median(xs.map((x) => x.cpuUsPerRequest));
      const rounds = (xs) => xs.map((x) => Math.round(x.reqPerSec)).join(', ');
      lines.push(
        `| ${row.name} | ${Math.round(rps(on))} | ${Math.round(rps(off))} | ${(rps(on) / rps(off)).toFixed(3)} | ${Math.round(cpu(on))} | ${Math.round(cpu(off))} | ${(cpu(on) / cpu(off)).toFixed(3)} | ${rounds(on)}; ${rounds(off)} |`,
      );
    }
    console.log(`\n${opts.rounds} rounds x ${opts.seconds} s, ${opts.connections} connections, PGlite, the sample content:\n\n${lines.join('\n')}`);
  } finally {
    for (const s of servers) await stopChild(s.server);
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanupSync);
