#!/usr/bin/env node
// Masthead benchmark: how close an anonymous article page comes to a static file of the same
// size, what the page weighs, and what builds cost. It prints figures and writes them to
// bench/results/latest.json; it never passes or fails on timing. See bench/README.md.
//
//   npm run bench                                   # 5 rounds x 5 s, plus the 5,000-story build
//   npm run bench -- --rounds 2 --seconds 3 --skip-large
//   npm run bench -- --no-build                     # use the last build in $MASTHEAD_OUT_DIR or dist/
//
// Run it with Node 24 (npm run does): the servers are started with this same node binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { generateStories } from './generate-stories.mjs';
import { cleanupSync, fmt, freePort, installCleanupHandlers, log, makeTempDir, median, onCleanup, sleep, spawnTracked, stopChild } from './lib/harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const ASTRO_BIN = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const SERVE = path.join(ROOT, 'scripts/serve.ts');
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const STATIC_NAME = 'bench-static.html';
const KB = 1024;
const GOALS = { ratio: 0.5, htmlCssKb: 60, jsKb: 5 };

// --- options -----------------------------------------------------------------------------

const { values: opts } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    stories: { type: 'string', default: '5000' },
    'skip-large': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(`usage: npm run bench -- [--rounds 5] [--seconds 5] [--connections 20] [--no-build]
                          [--stories 5000] [--skip-large]`);
  process.exit(0);
}
const positiveInt = (name) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number of at least 1, not ${opts[name]}`);
    process.exit(2);
  }
  return n;
};
const ROUNDS = positiveInt('rounds');
const SECONDS = positiveInt('seconds');
const CONNECTIONS = positiveInt('connections');
const STORIES = positiveInt('stories');

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.warn(`warning: running on Node ${process.version}; the project pins Node 24 (use npm run bench).`);
}

// --- cleanup: children and temp folders (bench/lib/harness.mjs), plus what this bench touches ---

installCleanupHandlers();
/** Files to put back as they were (a --no-build run writes into an existing build). */
const restores = [];
onCleanup(() => {
  for (const restore of restores.splice(0)) {
    try {
      restore();
    } catch {}
  }
  try {
    restoreDotAstro();
  } catch {}
});

const mb = (kb) => (Number.isFinite(kb) ? `${fmt(kb / 1024, 0)} MB` : 'n/a');

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

// --- memory: one process, or a whole process group ------------------------------------------

const HAVE_PROC = existsSync('/proc/self/status');

/** VmRSS and VmHWM (peak) of one process, in kB. */
function processRssKb(pid) {
  if (HAVE_PROC) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return { rssKb: rss ? Number(rss[1]) : NaN, peakKb: hwm ? Number(hwm[1]) : NaN };
    } catch {}
  }
  try {
    const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return { rssKb: rss, peakKb: NaN };
  } catch {
    return { rssKb: NaN, peakKb: NaN };
  }
}

/** Sum of RSS over every process in a process group, in kB. */
function groupRssKb(pgid) {
  let total = 0;
  if (HAVE_PROC) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state, ppid, pgrp, ...
        if (Number(fields[2]) !== pgid) continue;
        const rss = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
        if (rss) total += Number(rss[1]);
      } catch {} // the process ended between the two reads
    }
    return total;
  }
  try {
    for (const line of execFileSync('ps', ['-A', '-o', 'pgid=,rss='], { encoding: 'utf8' }).split('\n')) {
      const [g, rss] = line.trim().split(/\s+/).map(Number);
      if (g === pgid && Number.isFinite(rss)) total += rss;
    }
  } catch {
    return NaN;
  }
  return total;
}

// --- building ----------------------------------------------------------------------------

/**
 * Astro always writes generated types and content-module lists into <root>/.astro/, whatever
 * the content folder. A build of temp content would leave that pointing at files this run
 * deletes, so the folder is snapshotted first and put back after every build (and on exit).
 */
function snapshotDir(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) files.set(path.relative(dir, p), readFileSync(p));
    }
  };
  const existed = existsSync(dir);
  if (existed) walk(dir);
  return () => {
    if (!existed) return rmSync(dir, { recursive: true, force: true });
    const now = new Set();
    const walkNow = (d) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) walkNow(p);
        else now.add(path.relative(dir, p));
      }
    };
    if (existsSync(dir)) walkNow(dir);
    for (const rel of now) if (!files.has(rel)) rmSync(path.join(dir, rel), { force: true });
    for (const [rel, content] of files) {
      const p = path.join(dir, rel);
      let current;
      try {
        current = readFileSync(p);
      } catch {}
      if (!current || !current.equals(content)) {
        mkdirSync(path.dirname(p), { recursive: true });
        writeFileSync(p, content);
      }
    }
  };
}
let restoreDotAstro = () => {};

const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

/**
 * `astro build` of contentDir into outDir, timed. A throwaway config imports astro.config.mjs
 * and only moves Astro's cacheDir (the content layer's data store) into a temp folder, so
 * every build here starts cold and the project's node_modules/.astro is left alone.
 */
async function build({ label, contentDir, outDir, tmp }) {
  const cacheDir = path.join(tmp, `astro-cache-${label}`);
  const configFile = path.join(tmp, `astro.bench-${label}.config.mjs`);
  writeFileSync(
    configFile,
    `import base from ${JSON.stringify(path.join(ROOT, 'astro.config.mjs'))};\n` +
      `export default { ...base, cacheDir: ${JSON.stringify(cacheDir + path.sep)} };\n`,
  );
  // Astro joins --config onto the project root, so it has to be given relative to it.
  const astroArgs = [ASTRO_BIN, 'build', '--config', path.relative(ROOT, configFile)];
  const [command, args] = TIME_BIN ? [TIME_BIN, ['-v', process.execPath, ...astroArgs]] : [process.execPath, astroArgs];
  const env = { ...process.env, MASTHEAD_CONTENT_DIR: contentDir, MASTHEAD_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' };

  const shown = (p) => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);
  log(`building ${label}: ${shown(contentDir)} -> ${shown(outDir)}`);
  const started = performance.now();
  const proc = spawnTracked(command, args, { env });
  let treePeakKb = 0;
  const sampler = setInterval(() => {
    const kb = groupRssKb(proc.child.pid);
    if (kb > treePeakKb) treePeakKb = kb;
  }, 200);
  const { code, signal } = await proc.exited;
  clearInterval(sampler);
  restoreDotAstro();
  const wallSeconds = (performance.now() - started) / 1000;
  const output = proc.output();
  if (code !== 0) {
    throw new Error(`astro build (${label}) failed (${signal ?? `exit ${code}`}); last output:\n${output.slice(-6000)}`);
  }
  const maxRss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(output);
  const result = {
    wallSeconds,
    peakRssLargestProcessKb: maxRss ? Number(maxRss[1]) : null,
    peakRssTreeSampledKb: treePeakKb || null,
    outputBytes: dirBytes(outDir),
  };
  log(
    `built ${label} in ${fmt(wallSeconds, 1)} s, peak RSS ${mb(result.peakRssLargestProcessKb ?? NaN)} (largest process), ` +
      `${mb(result.peakRssTreeSampledKb ?? NaN)} (process tree, sampled)`,
  );
  return result;
}

// --- serving -----------------------------------------------------------------------------

async function startServer({ label, outDir, cacheSeconds }) {
  const port = await freePort();
  // Each server opens its own embedded database: one PGlite folder allows one process.
  const dataDir = path.join(path.dirname(outDir), `data-${label}`);
  const env = { ...process.env, MASTHEAD_OUT_DIR: outDir, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ANONYMOUS_CACHE_SECONDS: String(cacheSeconds) };
  const proc = spawnTracked(process.execPath, [SERVE], { env });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (proc.exitedAlready()) throw new Error(`server (${label}) exited before answering; output:\n${proc.output().slice(-4000)}`);
    if (performance.now() - started > 60_000) throw new Error(`server (${label}) did not answer within 60 s; output:\n${proc.output().slice(-4000)}`);
    try {
      const res = await fetch(`${base}/robots.txt`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      break;
    } catch {
      await sleep(100);
    }
  }
  log(`server ${label} answering on ${base} (ANONYMOUS_CACHE_SECONDS=${cacheSeconds}, pid ${proc.child.pid})`);
  return { ...proc, base, port, label, cacheSeconds };
}

async function get(url, init) {
  const started = performance.now();
  const res = await fetch(url, { redirect: 'manual', ...init });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

/** The first /<section>/<slug>/ URL in the sitemap: a story page. */
async function pickArticle(base) {
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

/** RSS of a fresh server after it has rendered the home page, a section page and one story. */
async function serverFootprint(server, articlePath) {
  const sectionPath = `/${articlePath.split('/')[1]}/`;
  const idle = processRssKb(server.child.pid);
  const pages = {};
  for (const p of ['/', sectionPath, articlePath]) {
    const res = await get(server.base + p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status} on server ${server.label}`);
    pages[p] = { status: res.status, firstRenderMs: Math.round(res.ms), bytes: res.body.length };
  }
  await sleep(300);
  const after = processRssKb(server.child.pid);
  return { idleRssKb: idle.rssKb, rssKb: after.rssKb, peakRssKb: after.peakKb, pages };
}

// --- load --------------------------------------------------------------------------------

function cannon(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function summarize(result) {
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

// --- page weight -------------------------------------------------------------------------

function attributes(tag) {
  const attrs = {};
  const inner = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

const JSON_TYPES = /^(application\/(ld\+)?json|importmap|speculationrules)$/i;

async function pageWeight(html, pageUrl) {
  const text = html.toString('utf8').replace(/<!--[\s\S]*?-->/g, '');
  const bytes = (s) => Buffer.byteLength(s, 'utf8');
  const fetchAsset = async (href) => {
    const url = new URL(href, pageUrl).href;
    const res = await get(url);
    return { url: new URL(url).pathname, status: res.status, bytes: res.body.length };
  };

  let inlineCss = 0;
  for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) inlineCss += bytes(m[1]);

  const linkedCss = [];
  const preloadedJs = [];
  for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!a.href) continue;
    if (rel.includes('stylesheet')) linkedCss.push(await fetchAsset(a.href));
    else if (rel.includes('modulepreload') || (rel.includes('preload') && a.as === 'script')) preloadedJs.push(await fetchAsset(a.href));
  }

  let inlineJs = 0;
  let inlineJson = 0;
  const externalJs = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = attributes(`<script${m[1]}>`);
    if (a.src) externalJs.push(await fetchAsset(a.src));
    else if (a.type && JSON_TYPES.test(a.type.trim())) inlineJson += bytes(m[2]);
    else inlineJs += bytes(m[2]);
  }
  const seen = new Set(externalJs.map((s) => s.url));
  const jsAssets = [...externalJs, ...preloadedJs.filter((s) => !seen.has(s.url))];

  const htmlBytes = html.length;
  const linkedCssBytes = linkedCss.reduce((sum, s) => sum + s.bytes, 0);
  const externalJsBytes = jsAssets.reduce((sum, s) => sum + s.bytes, 0);
  return {
    htmlBytes,
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    inlineCssBytes: inlineCss,
    inlineJsonBytes: inlineJson,
    linkedCssBytes,
    linkedCss,
    htmlPlusCssBytes: htmlBytes + linkedCssBytes,
    inlineJsBytes: inlineJs,
    externalJsBytes,
    externalJs: jsAssets,
    jsBytes: inlineJs + externalJsBytes,
  };
}

// --- the run -----------------------------------------------------------------------------

async function main() {
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    options: { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS, build: !opts['no-build'], stories: opts['skip-large'] ? null : STORIES },
    goals: GOALS,
  };
  const tmp = makeTempDir('masthead-bench-');
  restoreDotAstro = snapshotDir(path.join(ROOT, '.astro'));
  // The server bundle imports packages from node_modules by name; builds made under the temp
  // folder find them through this link (removing the folder removes the link, not the target).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');

  // 1. Build the sample content (or take the last build).
  const sampleContent = path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content');
  let outDir;
  if (opts['no-build']) {
    outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
    if (!existsSync(path.join(outDir, 'server/entry.mjs'))) throw new Error(`--no-build: no build in ${outDir}; run npm run build first`);
    log(`using the existing build in ${outDir}`);
    results.sampleBuild = null;
  } else {
    outDir = path.join(tmp, 'sample-out');
    results.sampleBuild = {
      contentDir: sampleContent,
      articleFiles: readdirSync(path.join(sampleContent, 'articles')).filter((f) => f.endsWith('.mdx') && !f.startsWith('_')).length,
      ...(await build({ label: 'sample', contentDir: sampleContent, outDir, tmp })),
    };
  }

  // 2. Two servers on that build: the anonymous cache as configured by default, and off.
  const cached = await startServer({ label: 'cache-60', outDir, cacheSeconds: 60 });
  const uncached = await startServer({ label: 'cache-off', outDir, cacheSeconds: 0 });

  const articlePath = await pickArticle(uncached.base);
  results.articlePath = articlePath;
  log(`article: ${articlePath}`);
  results.sampleServer = await serverFootprint(cached, articlePath);

  // 3. The same bytes as a static file.
  const page = await get(uncached.base + articlePath);
  if (page.status !== 200) throw new Error(`${articlePath} answered ${page.status}`);
  const staticFile = path.join(outDir, 'client', STATIC_NAME);
  if (existsSync(staticFile)) {
    const before = readFileSync(staticFile);
    restores.push(() => writeFileSync(staticFile, before));
  } else {
    restores.push(() => rmSync(staticFile, { force: true }));
  }
  writeFileSync(staticFile, page.body);
  const staticRes = await get(`${cached.base}/${STATIC_NAME}`);
  if (staticRes.status !== 200 || !staticRes.body.equals(page.body)) {
    throw new Error(`/${STATIC_NAME} answered ${staticRes.status} with ${staticRes.body.length} bytes, expected 200 with ${page.body.length}`);
  }
  const cachedCheck = [await get(cached.base + articlePath), await get(cached.base + articlePath)];
  results.sizes = {
    articleBytes: page.body.length,
    staticBytes: staticRes.body.length,
    identical: staticRes.body.equals(page.body),
    contentEncoding: page.headers.get('content-encoding'),
    // astro:env public server variables are fixed at build time, so the page's own header may
    // not follow the ANONYMOUS_CACHE_SECONDS a server was started with; recorded for both.
    cacheControl: { cacheOn: cachedCheck[0].headers.get('cache-control'), cacheOff: page.headers.get('cache-control') },
    cachedServerXCache: cachedCheck.map((r) => r.headers.get('x-cache')),
  };
  log(`static copy: /${STATIC_NAME}, ${fmt(page.body.length)} bytes (identical to the page); cached server x-cache: ${results.sizes.cachedServerXCache.join(', ')}`);

  // 4. Page weight.
  results.weight = await pageWeight(page.body, uncached.base + articlePath);

  // 5. Load: warm-up, then rounds alternating between the three targets.
  const targets = [
    { key: 'static', label: `static file (/${STATIC_NAME})`, url: `${cached.base}/${STATIC_NAME}` },
    { key: 'article', label: 'article, anonymous (cache 60 s)', url: cached.base + articlePath },
    { key: 'articleNoCache', label: 'article, anonymous (cache off)', url: uncached.base + articlePath },
  ];
  const warmSeconds = Math.min(2, SECONDS);
  log(`warm-up: ${warmSeconds} s per target`);
  for (const t of targets) await cannon(t.url, warmSeconds);

  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so no target always runs first or last.
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      await sleep(300);
      const s = summarize(await cannon(t.url, SECONDS));
      runs[t.key].push(s);
      log(
        `round ${round + 1}/${ROUNDS}  ${t.label.padEnd(34)} ${fmt(s.reqPerSec).padStart(7)} req/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms` +
          `  non-2xx ${s.non2xx}  errors ${s.errors}`,
      );
    }
  }
  results.load = {};
  for (const t of targets) {
    const rs = runs[t.key];
    results.load[t.key] = {
      label: t.label,
      url: new URL(t.url).pathname,
      medianReqPerSec: median(rs.map((r) => r.reqPerSec)),
      medianP50Ms: median(rs.map((r) => r.p50Ms)),
      medianP99Ms: median(rs.map((r) => r.p99Ms)),
      totalRequests: rs.reduce((n, r) => n + r.requests, 0),
      totalNon2xx: rs.reduce((n, r) => n + r.non2xx, 0),
      totalErrors: rs.reduce((n, r) => n + r.errors, 0),
      totalTimeouts: rs.reduce((n, r) => n + r.timeouts, 0),
      rounds: rs,
    };
  }
  results.ratio = results.load.article.medianReqPerSec / results.load.static.medianReqPerSec;
  results.ratioNoCache = results.load.articleNoCache.medianReqPerSec / results.load.static.medianReqPerSec;

  await stopChild(cached);
  await stopChild(uncached);
  for (const restore of restores.splice(0)) restore();

  // 6. The large build: generated stories, built cold, then served.
  if (opts['skip-large']) {
    results.largeBuild = null;
  } else {
    const contentDir = path.join(tmp, 'large-content');
    const started = performance.now();
    const gen = generateStories({ count: STORIES, out: contentDir, from: sampleContent });
    log(`generated ${fmt(gen.count)} stories (about ${gen.averageWords} words each) in ${fmt((performance.now() - started) / 1000, 1)} s`);
    try {
      const largeOut = path.join(tmp, 'large-out');
      results.largeBuild = { stories: gen.count, averageWords: gen.averageWords, ...(await build({ label: `${gen.count}-stories`, contentDir, outDir: largeOut, tmp })) };
      const server = await startServer({ label: 'large', outDir: largeOut, cacheSeconds: 60 });
      const largeArticle = `/${gen.newest.section}/${gen.newest.slug}/`;
      results.largeServer = await serverFootprint(server, largeArticle);
      await stopChild(server);
    } catch (error) {
      console.error(`\nlarge build: ${error.message}`);
      results.largeBuild = { ...(results.largeBuild ?? {}), stories: gen.count, error: String(error.message).slice(0, 2000) };
      process.exitCode = 1;
    }
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${table(results)}`);
  console.log(`\nFigures written to ${path.relative(ROOT, path.join(RESULTS_DIR, 'latest.json'))}`);
}

// --- the table ---------------------------------------------------------------------------

function table(r) {
  const lines = [];
  const kb = (b) => `${fmt(b / KB, 1)} KB`;
  const goal = (ok) => (ok ? 'meets goal' : 'MISSES goal');
  const hr = '-'.repeat(96);
  lines.push(hr);
  lines.push(
    `Masthead benchmark  ${r.date.slice(0, 16).replace('T', ' ')} UTC  Node ${r.node}  ${r.cpus} CPUs  ` +
      `${r.options.connections} connections  ${r.options.rounds} rounds x ${r.options.seconds} s`,
  );
  lines.push(`Article: ${r.articlePath}  (${fmt(r.sizes.articleBytes)} bytes; static copy ${fmt(r.sizes.staticBytes)} bytes, identical: ${r.sizes.identical ? 'yes' : 'NO'})`);
  lines.push(hr);
  lines.push(`${'Load (median over rounds)'.padEnd(38)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'requests'.padStart(11)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}`);
  for (const l of Object.values(r.load)) {
    lines.push(
      `  ${l.label.padEnd(36)}${fmt(l.medianReqPerSec).padStart(9)}${fmt(l.medianP50Ms, l.medianP50Ms % 1 ? 1 : 0).padStart(9)}` +
        `${fmt(l.medianP99Ms, l.medianP99Ms % 1 ? 1 : 0).padStart(9)}${fmt(l.totalRequests).padStart(11)}${fmt(l.totalNon2xx).padStart(9)}${fmt(l.totalErrors + l.totalTimeouts).padStart(8)}`,
    );
  }
  lines.push(`  ${'ratio article / static'.padEnd(36)}${fmt(r.ratio, 2).padStart(9)}    goal >= ${r.goals.ratio}: ${goal(r.ratio >= r.goals.ratio)}`);
  lines.push(`  ${'ratio article (cache off) / static'.padEnd(36)}${fmt(r.ratioNoCache, 2).padStart(9)}    (what the anonymous cache buys: ${fmt(r.ratio / r.ratioNoCache, 1)}x)`);
  const bad = Object.values(r.load).reduce((n, l) => n + l.totalNon2xx + l.totalErrors + l.totalTimeouts, 0);
  lines.push(`  all responses 2xx: ${bad === 0 ? 'yes' : `NO (${fmt(bad)} non-2xx, errors or timeouts; see latest.json)`}`);
  lines.push(hr);
  const w = r.weight;
  lines.push(`${'Article page weight (uncompressed)'.padEnd(38)}${'bytes'.padStart(9)}${'KB'.padStart(10)}   goal`);
  const row = (label, bytes, note = '') => lines.push(`  ${label.padEnd(36)}${fmt(bytes).padStart(9)}${kb(bytes).padStart(10)}   ${note}`);
  row('HTML (response body)', w.htmlBytes);
  row('  of which CSS in <style>', w.inlineCssBytes);
  row('  of which JSON-LD', w.inlineJsonBytes);
  row(`CSS in linked stylesheets (${w.linkedCss.length})`, w.linkedCssBytes);
  row('HTML + CSS', w.htmlPlusCssBytes, `<= ${r.goals.htmlCssKb} KB: ${goal(w.htmlPlusCssBytes <= r.goals.htmlCssKb * KB)}`);
  row('JS inline (not JSON-LD)', w.inlineJsBytes);
  row(`JS in <script src> / preloads (${w.externalJs.length})`, w.externalJsBytes);
  row('JS total', w.jsBytes, `<= ${r.goals.jsKb} KB: ${goal(w.jsBytes <= r.goals.jsKb * KB)}`);
  row('HTML gzip -9 (for reference)', w.htmlGzipBytes);
  lines.push(hr);
  lines.push(`${'astro build (cold cache)'.padEnd(38)}${'wall s'.padStart(9)}${'peak RSS'.padStart(12)}${'peak RSS'.padStart(12)}${'output'.padStart(11)}`);
  lines.push(`${''.padEnd(38)}${''.padStart(9)}${'largest'.padStart(12)}${'tree'.padStart(12)}${''.padStart(11)}`);
  const buildRow = (label, b) => {
    if (!b) return lines.push(`  ${label.padEnd(36)}${'skipped'.padStart(9)}`);
    if (b.error) return lines.push(`  ${label.padEnd(36)}${'FAILED'.padStart(9)}   ${b.error.split('\n')[0]}`);
    lines.push(
      `  ${label.padEnd(36)}${fmt(b.wallSeconds, 1).padStart(9)}${mb(b.peakRssLargestProcessKb ?? NaN).padStart(12)}` +
        `${mb(b.peakRssTreeSampledKb ?? NaN).padStart(12)}${`${fmt(b.outputBytes / KB / KB, 1)} MB`.padStart(11)}`,
    );
  };
  buildRow(r.sampleBuild ? `sample content (${r.sampleBuild.articleFiles} article files)` : 'sample content (--no-build)', r.sampleBuild);
  buildRow(`${fmt(r.largeBuild?.stories ?? r.options.stories ?? STORIES)} generated stories`, r.largeBuild);
  lines.push(hr);
  lines.push(`${'Server RSS after /, section, article'.padEnd(38)}${'at start'.padStart(9)}${'after'.padStart(12)}${'peak'.padStart(12)}   first render ms (/, section, article)`);
  const serverRow = (label, s) => {
    if (!s) return lines.push(`  ${label.padEnd(36)}${'skipped'.padStart(9)}`);
    const ms = Object.values(s.pages).map((p) => p.firstRenderMs).join(', ');
    lines.push(`  ${label.padEnd(36)}${mb(s.idleRssKb).padStart(9)}${mb(s.rssKb).padStart(12)}${mb(s.peakRssKb).padStart(12)}   ${ms}`);
  };
  serverRow('sample build', r.sampleServer);
  serverRow(`${fmt(r.largeBuild?.stories ?? STORIES)}-story build`, r.largeServer);
  lines.push(hr);
  lines.push('autocannon runs in the benchmark process, on the same 2-core-class machine as the servers; compare ratios, not absolutes.'.replace('2-core-class', `${r.cpus}-CPU`));
  return lines.join('\n');
}

main().catch((error) => {
  console.error(`\nbenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
