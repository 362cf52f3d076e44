// Shared plumbing for benchmarks that build the site and load it with autocannon: child
// processes and temp folders that are always cleaned up, a cold `astro build` into a temp
// folder, starting scripts/serve.ts, and autocannon runs summarised the same way everywhere.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { isolatedBuildArgs } from '../../src/build/isolated-build.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVE = path.join(ROOT, 'scripts/serve.ts');
const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

// --- children, temp folders and other things to undo: all cleaned up on every way out ----------

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
const tempDirs = new Set();
/** Synchronous undo steps (run last-registered first), e.g. dropping a bench database. */
const cleanups = [];

export function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export function cleanupSync() {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL'); // the child's whole process group
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {}
    }
  }
  children.clear();
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (error) {
      console.error(`cleanup: ${error.message ?? error}`);
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.clear();
}

let installed = false;
export function installCleanupHandlers() {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping children, removing temp folders and bench databases`);
      cleanupSync();
      process.exit(130);
    });
  }
}

/** A folder removed on exit; under `base` if given (created if missing), else the OS temp folder. */
export function makeTempDir(prefix, base = os.tmpdir()) {
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Starts a child in its own process group (so the group can be killed as one, including
 * anything it starts) and keeps the tail of its output for error messages.
 */
export function spawnTracked(command, args, options) {
  const child = spawn(command, args, { cwd: ROOT, ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  // The last 200,000 characters, trimmed only once twice that has come in: a server that logs
  // a line per request must not cost this process a 200 KB copy per line.
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 400_000) output = output.slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
    child.on('error', (error) => {
      children.delete(child);
      keep(`\n${error.stack ?? error}\n`);
      resolve({ code: -1, signal: null });
    });
  });
  return { child, exited, output: () => output.slice(-200_000), exitedAlready: () => child.exitCode !== null || child.signalCode !== null };
}

export async function stopChild(proc) {
  if (proc.exitedAlready()) return;
  try {
    process.kill(-proc.child.pid, 'SIGTERM');
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-proc.child.pid, 'SIGKILL');
    } catch {}
  }, 5000);
  await proc.exited;
  clearTimeout(timer);
}

// --- small helpers -----------------------------------------------------------------------

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export const percentile = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

export const log = (...args) => console.log('·', ...args);

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms; NaN without /proc. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state is field 3, utime 14, stime 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux Node supports

// --- building ----------------------------------------------------------------------------

/**
 * `astro build` of contentDir into outDir (both under tmp), timed, with a root and cache of
 * its own (src/build/isolated-build.mjs): it starts cold and no other build can disturb it.
 */
export async function buildSite({ label, contentDir, outDir, tmp }) {
  const args = isolatedBuildArgs(path.join(tmp, `build-${label}`));
  const env = { ...process.env, MASTHEAD_CONTENT_DIR: contentDir, MASTHEAD_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' };
  log(`building ${label}: ${path.relative(ROOT, contentDir) || '.'} -> ${outDir}`);
  const started = performance.now();
  // GNU time, when present, reports the build's peak resident memory (its largest process).
  const proc = TIME_BIN ? spawnTracked(TIME_BIN, ['-v', process.execPath, ...args], { env }) : spawnTracked(process.execPath, args, { env });
  const { code, signal } = await proc.exited;
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`astro build (${label}) failed (${signal ?? `exit ${code}`}); last output:\n${proc.output().slice(-6000)}`);
  const maxRss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(proc.output());
  const peakRssMb = maxRss ? Number(maxRss[1]) / 1024 : NaN;
  log(`built ${label} in ${fmt(wallSeconds, 1)} s${maxRss ? `, peak RSS ${fmt(peakRssMb)} MB` : ''}`);
  return { wallSeconds, peakRssMb };
}

// --- serving -----------------------------------------------------------------------------

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Starts scripts/serve.ts with extra environment and waits until it answers: on `port` if
 * given (it must be free), else on any free port. `nodeArgs` go before the script (e.g. an
 * `--import` preload).
 */
export async function startServer({ label, outDir, env: extraEnv = {}, port: wanted, nodeArgs = [] }) {
  if (wanted !== undefined && !(await portIsFree(wanted))) throw new Error(`port ${wanted} (server ${label}) is in use: stop whatever listens there, or pick other ports`);
  const port = wanted ?? (await freePort());
  const env = { ...process.env, MASTHEAD_OUT_DIR: outDir, PORT: String(port), HOST: '127.0.0.1', ...extraEnv };
  const proc = spawnTracked(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, SERVE], { env });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (proc.exitedAlready()) throw new Error(`server (${label}) exited before answering; output:\n${proc.output().slice(-4000)}`);
    if (performance.now() - started > 90_000) throw new Error(`server (${label}) did not answer within 90 s; output:\n${proc.output().slice(-4000)}`);
    try {
      const res = await fetch(`${base}/robots.txt`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      break;
    } catch {
      await sleep(100);
    }
  }
  log(`server ${label} answering on ${base} (pid ${proc.child.pid})`);
  return { ...proc, base, port, label };
}

export async function get(url, init) {
  const started = performance.now();
  const res = await fetch(url, { redirect: 'manual', ...init });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

/** The first /<section>/<slug>/ URL in the sitemap: a story page. */
export async function pickArticle(base) {
  const res = await get(`${base}/sitemap.xml`);
  if (res.status !== 200) throw new Error(`/sitemap.xml answered ${res.status}`);
  const paths = [...res.body.toString('utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')).pathname);
  const article = paths.find((p) => {
    const m = /^\/([^/]+)\/([^/]+)\/$/.exec(p);
    return m && !['authors', 'tags'].includes(m[1]) && m[2] !== 'page';
  });
  if (!article) throw new Error('no /<section>/<slug>/ URL in /sitemap.xml: is any story published?');
  return article;
}

// --- load --------------------------------------------------------------------------------

/** autocannon for `seconds`; `requests` (optional) is autocannon's list of requests each connection cycles through. */
export function cannon({ url, connections, seconds, headers, requests }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers, ...(requests ? { requests } : {}) }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export function summarize(result) {
  const completed = result.requests.total ?? 0;
  return {
    reqPerSec: result.duration > 0 ? completed / result.duration : NaN,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    requests: completed,
    bytesPerResponse: completed > 0 ? Math.round(result.throughput.total / completed) : NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
    durationSeconds: result.duration,
  };
}
