// The two processes bench/archive.mjs times: `content:sync` (scripts/content-sync.ts, the
// script behind `npm run content:sync`) over a generated archive, and scripts/serve.ts on a
// build with MASTHEAD_CONTENT_DIR set, from spawn to its first 200 on the home page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, fmt, freePort, log, sleep, spawnTracked } from './harness.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

const CONTENT_SYNC = path.join(ROOT, 'scripts/content-sync.ts');
const DB_MIGRATE = path.join(ROOT, 'scripts/db-migrate.ts');
const SERVE = path.join(ROOT, 'scripts/serve.ts');
const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

/** The environment that points a process at one archive and one database. */
export function archiveEnv({ contentDir, dataDir, databaseUrl }) {
  return { MASTHEAD_CONTENT_DIR: contentDir, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', SMTP_URL: '', ASTRO_TELEMETRY_DISABLED: '1' };
}

/** GNU time's report, cut off the output a failed run shows. */
const withoutTimeReport = (output) => output.split(/\n\s*Command being timed:/)[0];

/** `npm run db:migrate` for the archive's database (content:sync refuses one that is behind). */
export async function runMigrate({ label, env }) {
  const proc = spawnTracked(process.execPath, [DB_MIGRATE], { env: { ...process.env, ...env } });
  const { code, signal } = await proc.exited;
  if (code !== 0) throw new Error(`db:migrate (${label}) failed (${signal ?? `exit ${code}`}); output:\n${proc.output().slice(-4000)}`);
}

/**
 * Runs content:sync once over the archive: wall time, peak RSS (GNU time, when installed) and
 * the last lines it printed. A non-zero exit stops the run with its output.
 */
export async function runContentSync({ label, env }) {
  const args = [CONTENT_SYNC];
  const fullEnv = { ...process.env, ...env };
  const started = performance.now();
  const proc = TIME_BIN ? spawnTracked(TIME_BIN, ['-v', process.execPath, ...args], { env: fullEnv }) : spawnTracked(process.execPath, args, { env: fullEnv });
  const { code, signal } = await proc.exited;
  const seconds = (performance.now() - started) / 1000;
  const output = proc.output();
  if (code !== 0) throw new Error(`content:sync (${label}) failed (${signal ?? `exit ${code}`}); last output:\n${withoutTimeReport(output).slice(-4000)}`);
  const maxRss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(output);
  const printed = withoutTimeReport(output).split('\n').filter((l) => l.trim());
  log(`content:sync ${label}: ${fmt(seconds, 1)} s${maxRss ? `, peak RSS ${fmt(Number(maxRss[1]) / 1024)} MB` : ''}`);
  return { seconds, peakRssMb: maxRss ? Number(maxRss[1]) / 1024 : NaN, lastLines: printed.slice(-3) };
}

/**
 * Starts scripts/serve.ts on `outDir` and polls `/` until it answers 200: the time from
 * spawn to that answer is the start time (opening the database, loading Astro, the first
 * render of the front page with its queries).
 */
export async function startArchiveServer({ label, outDir, env, nodeArgs = [] }) {
  const port = await freePort();
  const fullEnv = { ...process.env, MASTHEAD_OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: 'false', ...env };
  const started = performance.now();
  const proc = spawnTracked(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, SERVE], { env: fullEnv });
  const base = `http://127.0.0.1:${port}`;
  let lastStatus = 'no answer';
  for (;;) {
    if (proc.exitedAlready()) throw new Error(`server (${label}) exited before answering; output:\n${proc.output().slice(-4000)}`);
    if (performance.now() - started > 300_000) throw new Error(`server (${label}) gave no 200 on / within 300 s (last: ${lastStatus}); output:\n${proc.output().slice(-4000)}`);
    try {
      const res = await fetch(`${base}/`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      lastStatus = String(res.status);
      if (res.status === 200) break;
    } catch {}
    await sleep(50);
  }
  const startSeconds = (performance.now() - started) / 1000;
  log(`server ${label}: first 200 on / after ${fmt(startSeconds, 2)} s (pid ${proc.child.pid}, ${base})`);
  return { ...proc, base, port, label, startSeconds };
}

/**
 * Waits until the server's output matches `pattern` (e.g. the watcher's "watching … for
 * changes" line); returns seconds since the server was spawned, or throws after `timeoutMs`.
 */
export async function waitForOutput(server, pattern, timeoutMs = 300_000) {
  const started = performance.now();
  while (!pattern.test(server.output())) {
    if (server.exitedAlready()) throw new Error(`server (${server.label}) exited; output:\n${server.output().slice(-4000)}`);
    if (performance.now() - started > timeoutMs) throw new Error(`server (${server.label}) printed nothing matching ${pattern} within ${timeoutMs / 1000} s; output:\n${server.output().slice(-4000)}`);
    await sleep(50);
  }
  return server.startSeconds + (performance.now() - started) / 1000;
}
