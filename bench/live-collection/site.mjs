// The bench project's two builds (plain, and with Astro's route cache on the direct page) and
// its server: the node adapter's standalone entry, started on a free port with the story
// store pointed at one database. Used by bench/live-collection.mjs.
import path from 'node:path';
import { ROOT, fmt, freePort, get, log, sleep, spawnTracked } from '../lib/harness.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

const ASTRO_BIN = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const CONFIG = path.relative(ROOT, path.join(import.meta.dirname, 'astro.config.mjs'));

/** `astro build` of this project into workDir (dist/ or dist-route-cache/); returns the server entry. */
export async function buildBenchSite({ workDir, routeCache }) {
  const env = { ...process.env, LIVE_BENCH_WORK_DIR: workDir, LIVE_BENCH_ROUTE_CACHE: routeCache ? '1' : '0', ASTRO_TELEMETRY_DISABLED: '1' };
  const started = performance.now();
  const proc = spawnTracked(process.execPath, [ASTRO_BIN, 'build', '--config', CONFIG], { env });
  const { code, signal } = await proc.exited;
  const label = routeCache ? 'with route cache' : 'plain';
  if (code !== 0) throw new Error(`astro build of the bench project (${label}) failed (${signal ?? `exit ${code}`}):\n${proc.output().slice(-6000)}`);
  log(`built the bench project (${label}) in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return path.join(workDir, routeCache ? 'dist-route-cache' : 'dist', 'server', 'entry.mjs');
}

/**
 * Starts the built entry with the story store on `databaseEnv` (DATABASE_URL, or DATA_DIR for
 * PGlite: src/server/db/database.ts opens it on the first read) and waits until `probePath`
 * answers 200. Runs from the project root, where the migrations are.
 */
export async function startBenchSite({ entry, label, databaseEnv, probePath }) {
  const port = await freePort();
  const env = { ...process.env, ...databaseEnv, HOST: '127.0.0.1', PORT: String(port), SMTP_URL: '' };
  const proc = spawnTracked(process.execPath, [...SERVER_NODE_FLAGS, entry], { env });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  let last = 'no answer';
  for (;;) {
    if (proc.exitedAlready()) throw new Error(`bench site (${label}) exited:\n${proc.output().slice(-4000)}`);
    if (performance.now() - started > 120_000) throw new Error(`bench site (${label}) gave no 200 on ${probePath} in 120 s (last: ${last}):\n${proc.output().slice(-4000)}`);
    try {
      const res = await get(`${base}${probePath}`);
      last = String(res.status);
      if (res.status === 200) break;
    } catch {}
    await sleep(100);
  }
  log(`bench site ${label} answering on ${base} (pid ${proc.child.pid})`);
  return { ...proc, base, label };
}

/**
 * Checks what is measured before measuring it: for each path both pages answer 200 with the
 * same bytes (the same layout and the same story HTML; only the read differs), and an unknown
 * story is a 404 on both. Throws on the first difference.
 */
export async function checkSamePages(base, paths) {
  for (const p of paths) {
    const [live, direct] = await Promise.all([get(`${base}/live${p}`), get(`${base}/direct${p}`)]);
    if (live.status !== 200 || direct.status !== 200) throw new Error(`${p}: live ${live.status}, direct ${direct.status}; both should be 200`);
    if (!live.body.equals(direct.body)) throw new Error(`${p}: the live page and the direct page differ (${live.body.length} and ${direct.body.length} bytes)`);
    if (!/<div class="body">\s*<[a-z]/.test(direct.body.toString('utf8'))) throw new Error(`${p}: the page holds no story body`);
  }
  for (const prefix of ['/live', '/direct']) {
    const missing = await get(`${base}${prefix}/no-section/no-such-story/`);
    if (missing.status !== 404) throw new Error(`${prefix} of an unknown story answered ${missing.status}, not 404`);
  }
}

/** Checks that the route cache stores the direct page: a miss, then a hit with the same bytes. */
export async function checkRouteCache(base, storyPath) {
  const first = await get(`${base}/direct${storyPath}`);
  const second = await get(`${base}/direct${storyPath}`);
  if (first.status !== 200 || second.status !== 200) throw new Error(`route cache: ${storyPath} answered ${first.status} then ${second.status}`);
  if (first.headers.get('x-astro-cache') === 'HIT' || second.headers.get('x-astro-cache') !== 'HIT') {
    throw new Error(`route cache: expected a miss then a hit on ${storyPath}, got ${first.headers.get('x-astro-cache')} then ${second.headers.get('x-astro-cache')}`);
  }
  if (!first.body.equals(second.body)) throw new Error('route cache: the hit differs from the page it stored');
}
