#!/usr/bin/env node
// `npm run bench:lighthouse`: Lighthouse (npm `lighthouse`, with Debian's Chromium through
// chrome-launcher) on the home page and a story page, anonymous, against a built server,
// with the desktop and the mobile preset. Prints the four category scores and every failing
// audit with the elements it names; writes a markdown summary and the full reports (JSON)
// to bench/results/. Exits 1 when a score is below 100 (the goal), never on timing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { ROOT, buildSite, cleanupSync, installCleanupHandlers, log, makeTempDir, onCleanup, stopChild, startServer } from './lib/harness.mjs';
import { CATEGORIES, failingAudits, scores } from './lib/lighthouse-audits.mjs';
import { readCommandLine, stopWithUsage } from './lib/command-line.mjs';
import { PORTS } from './lib/ports.mjs';
import { lockableStories } from './lib/site-stories.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RESULTS = path.join(ROOT, 'bench/results');
const USAGE = 'usage: npm run bench:lighthouse -- [--preset desktop|mobile|both] [--no-build]';

const opts = readCommandLine({ usage: USAGE, options: { preset: { type: 'string', default: 'both' }, 'no-build': { type: 'boolean', default: false } } });
if (!['desktop', 'mobile', 'both'].includes(opts.preset)) stopWithUsage(`--preset must be desktop, mobile or both, not ${opts.preset}`, USAGE);
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(2);
}
installCleanupHandlers();

async function main() {
  const workDir = makeTempDir('lighthouse-', path.join(ROOT, '.data/bench'));
  const port = PORTS.lighthouse;
  const base = `http://127.0.0.1:${port}`;
  // Canonical links, feeds and JSON-LD point at SITE_URL: make it this server, as in production.
  const env = { SITE_URL: base, DATA_DIR: path.join(workDir, 'data'), DATABASE_URL: '', SMTP_URL: '' };
  let outDir = path.resolve(ROOT, process.env.MASTHEAD_OUT_DIR ?? 'dist');
  if (!opts['no-build']) {
    outDir = path.join(workDir, 'out');
    process.env.SITE_URL = base; // read by astro.config.mjs at build time
    await buildSite({ label: 'lighthouse', contentDir: path.resolve(ROOT, process.env.MASTHEAD_CONTENT_DIR ?? 'content'), outDir, tmp: workDir });
  }
  const server = await startServer({ label: 'lighthouse', outDir, port, env });
  const article = (await lockableStories(server.base, 1))[0].path;
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, port: PORTS.lighthouse + 1, logLevel: 'silent' });
  onCleanup(() => chrome.kill());

  const presets = opts.preset === 'both' ? ['desktop', 'mobile'] : [opts.preset];
  const runs = [];
  for (const page of [{ name: 'home', path: '/' }, { name: 'article', path: article }]) {
    for (const preset of presets) {
      log(`lighthouse ${preset} ${page.path}`);
      const result = await lighthouse(`${server.base}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, preset === 'desktop' ? desktopConfig : undefined);
      if (!result?.lhr) throw new Error(`lighthouse returned no result for ${page.path}`);
      if (result.lhr.runtimeError) throw new Error(`lighthouse on ${page.path}: ${result.lhr.runtimeError.message}`);
      mkdirSync(path.join(RESULTS, 'lighthouse'), { recursive: true });
      writeFileSync(path.join(RESULTS, 'lighthouse', `${page.name}-${preset}.json`), result.report);
      runs.push({ page: page.name, path: page.path, preset, scores: scores(result.lhr), failing: failingAudits(result.lhr), lighthouse: result.lhr.lighthouseVersion, chrome: result.lhr.environment?.hostUserAgent });
    }
  }
  await chrome.kill();
  await stopChild(server);

  const lines = [
    `### \`npm run bench:lighthouse\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Lighthouse ${runs[0].lighthouse}, ${(/(?:Headless)?Chrome\/[\d.]+/.exec(runs[0].chrome) ?? ['Chromium'])[0]}, anonymous reader, story \`${article}\`.`,
    '',
    `| page | preset | ${CATEGORIES.join(' | ')} |`,
    `| --- | --- | ${CATEGORIES.map(() => '---:').join(' | ')} |`,
    ...runs.map((r) => `| ${r.page} | ${r.preset} | ${CATEGORIES.map((c) => r.scores[c] ?? 'n/a').join(' | ')} |`),
    '',
  ];
  const all = runs.flatMap((r) => r.failing.map((f) => ({ ...f, where: `${r.page} (${r.preset})` })));
  // Audits with weight 0 (performance opportunities and diagnostics) do not move a score.
  const groups = [
    ['Failing audits that lower a score', all.filter((f) => f.weight > 0)],
    ['Suggestions that do not count towards a score (weight 0)', all.filter((f) => !(f.weight > 0))],
  ];
  if (groups[0][1].length === 0) lines.push('No failing audit counts towards a score.', '');
  for (const [title, failing] of groups) {
    if (failing.length === 0) continue;
    lines.push(`${title}:`, '');
    for (const f of failing) {
      lines.push(`- ${f.where}, ${f.category}: **${f.title}** (\`${f.id}\`, score ${f.score}${f.displayValue ? `, ${f.displayValue}` : ''})${f.explanation ? ` ${f.explanation}` : ''}`);
      for (const e of f.elements) lines.push(`  - \`${e.replace(/`/g, "'").slice(0, 300)}\``);
      for (const u of f.urls) lines.push(`  - ${u}`);
    }
    lines.push('');
  }
  const report = lines.join('\n');
  writeFileSync(path.join(RESULTS, 'lighthouse-latest.md'), report);
  console.log(`\n${report}\nWritten to bench/results/lighthouse-latest.md (full reports: bench/results/lighthouse/*.json).`);
  if (runs.some((r) => CATEGORIES.some((c) => r.scores[c] !== 100))) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`\nlighthouse run failed: ${error.stack ?? error}`);
  process.exitCode = 1;
  cleanupSync();
});
