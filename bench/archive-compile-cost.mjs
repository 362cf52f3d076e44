#!/usr/bin/env node
// What a story costs per request if it were compiled per request (as a live content
// collection's loader would have to: getLiveEntry runs the loader on every request, and a
// live entry carries finished HTML), against what the site does: read the compiled HTML saved
// with the story. Times, in this process, compileStory() (src/lib/content/compile-story.ts)
// over the real stories in content/articles and 50 generated archive stories, then
// findStoryAt() (one indexed row with public_html) and lockedPartsOf() on PGlite in memory
// and, when reachable, PostgreSQL. Decision 012 quotes the figures.
//
//   npx node bench/archive-compile-cost.mjs [--rounds 20] [--postgres-url URL] [--skip-postgres]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireNode24 } from './lib/bench-options.mjs';

requireNode24('bench:archive');

const { ROOT, cleanupSync, fmt, installCleanupHandlers, makeTempDir, percentile } = await import('./lib/harness.mjs');
const { DEFAULT_POSTGRES_URL } = await import('./lib/bench-server.mjs');
const { createBenchDatabase } = await import('./lib/bench-database.mjs');
const { writeArchive } = await import('./lib/archive-generate.mjs');
const { compileStory } = await import('../src/lib/content/compile-story.ts');
const { fillLockedParts } = await import('../src/lib/content/compiled-story.ts');
const { openPgliteInMemory, openPostgres } = await import('../db/client.ts');
const { migrateDatabase } = await import('../db/migrate.ts');
const { provideDatabase } = await import('../src/server/db/database.ts');
const { syncContentFolder } = await import('../src/server/content/content-folder-sync.ts');
const { findStoryAt } = await import('../src/server/content/story-reads.ts');
const { lockedPartsOf } = await import('../src/server/content/locked-parts.ts');

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, 'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL }, 'skip-postgres': { type: 'boolean', default: false } } });
const rounds = Number(values.rounds);
installCleanupHandlers();

const idsIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));

/** Every story file of a content folder, with what compileStory needs. */
function storiesOf(root) {
  const context = { sections: idsIn(path.join(root, 'sections')), authors: idsIn(path.join(root, 'authors')) };
  const files = readdirSync(path.join(root, 'articles')).filter((f) => f.endsWith('.mdx') && !f.startsWith('_'));
  return files.map((f) => ({ root, context, rel: `articles/${f}`, source: readFileSync(path.join(root, 'articles', f), 'utf8') }));
}

function timeCompiles(list) {
  for (const s of list.slice(0, 20)) compileStory(s.rel, s.source, s.context); // warm-up: parsers built, code optimised
  const ms = [];
  const pages = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of list) {
      const t0 = performance.now();
      const result = compileStory(s.rel, s.source, s.context);
      ms.push(performance.now() - t0);
      if (r === 0 && result.ok) pages.push({ section: result.story.fields.section, slug: path.basename(s.rel, '.mdx') });
      else if (r === 0) throw new Error(`${s.rel} does not compile: ${result.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
    }
  }
  return { ms, pages };
}

async function timeReads(database, roots, pages) {
  provideDatabase(Promise.resolve(database));
  for (const root of roots) {
    const { counts } = await syncContentFolder(database.db, root, { now: new Date(), log: () => {}, mode: 'per-file' });
    if (counts.failed > 0) throw new Error(`${counts.failed} stories of ${root} were not taken in`);
  }
  const read = [];
  const locked = [];
  const fill = [];
  for (let r = 0; r < rounds + 2; r++) {
    for (const p of pages) {
      const t0 = performance.now();
      const story = await findStoryAt(p.section, p.slug);
      const t1 = performance.now();
      const parts = await lockedPartsOf(story.id);
      const t2 = performance.now();
      fillLockedParts(story.publicHtml, (part) => parts.get(part) ?? '');
      const t3 = performance.now();
      if (r >= 2) {
        read.push(t1 - t0);
        locked.push(t2 - t1);
        fill.push(t3 - t2);
      }
    }
  }
  return { read, locked, fill };
}

const row = (label, ms) => `| ${label} | ${fmt(percentile(ms, 50), 3)} | ${fmt(percentile(ms, 99), 3)} | ${fmt(ms.length)} |`;

async function main() {
  const work = makeTempDir('compile-cost-', path.join(ROOT, '.data/bench'));
  const generated = path.join(work, 'archive');
  writeArchive({ count: 50, out: generated, seed: 7 });
  const real = storiesOf(path.join(ROOT, 'content'));
  const made = storiesOf(generated);
  const compiledReal = timeCompiles(real);
  const compiledMade = timeCompiles(made);
  const lines = [
    `### Compile per request, or read what was compiled when saved (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${rounds} rounds over every story, in one process.`,
    '',
    '| what | p50 ms | p99 ms | samples |',
    '| --- | ---: | ---: | ---: |',
    row(`compileStory, the ${real.length} stories in content/articles`, compiledReal.ms),
    row(`compileStory, ${made.length} generated archive stories (~760 words)`, compiledMade.ms),
  ];
  const databases = [{ name: 'PGlite (in memory)', open: async () => openPgliteInMemory() }];
  if (!values['skip-postgres']) {
    databases.push({
      name: 'PostgreSQL',
      open: async () => {
        const pg = await createBenchDatabase(values['postgres-url'], `masthead_bench_compile_${process.pid}`);
        return openPostgres(pg.url, 2);
      },
    });
  }
  for (const d of databases) {
    let database;
    try {
      database = await d.open();
      await migrateDatabase(database);
      const t = await timeReads(database, [path.join(ROOT, 'content'), generated], [...compiledReal.pages, ...compiledMade.pages]);
      lines.push(row(`${d.name}: findStoryAt (the row with public_html)`, t.read), row(`${d.name}: lockedPartsOf (entitled readers only)`, t.locked), row(`${d.name}: fillLockedParts (string work)`, t.fill));
    } catch (error) {
      lines.push(`| ${d.name}: not measured (${String(error.message ?? error).split('\n')[0]}) | | | |`);
    } finally {
      await database?.close();
    }
  }
  const report = `${lines.join('\n')}\n`;
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/results/archive-compile-cost.md'), report);
  console.log(`\n${report}\nWritten to bench/results/archive-compile-cost.md.`);
}

main()
  .catch((error) => {
    console.error(`\ncompile cost failed: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(() => cleanupSync());
