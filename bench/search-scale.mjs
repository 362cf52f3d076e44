// Search and "More in <Section>" against the archive's size: inserts N synthetic stories with SQL
// (bench/lib/search-scale-data.mjs) into a fresh PGlite (on disk) and a fresh PostgreSQL
// database, analyzes them (as content:sync does) and prints p50/p99 of searchStories (a common
// word, a rare word, two words, a phrase) and relatedStoriesFor at each size; the archive grows
// from one size to the next. With --compare-with <commit>, the same figures for the code as it
// was at that commit, on the same data. With --keep, the PostgreSQL databases stay (for
// EXPLAIN ANALYZE) and their names are printed; --existing <PostgreSQL URL> measures such a kept
// database again as it is (no insert), e.g. after a change to the code.
//
//   npx node bench/search-scale.mjs [--sizes 20000,200000] [--db pglite,postgres] [--runs 60]
//                                   [--compare-with <commit>] [--compare-runs 5] [--postgres-url URL] [--keep]
// (the older code may take seconds a query at 200,000 stories: --compare-runs sets its runs)
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { provideDatabase } from '../src/server/db/database.ts';
import { rowToStory, storyListColumns } from '../src/server/content/story-rows.ts';
import { stories } from '../db/schema/content.ts';
import { DEFAULT_POSTGRES_URL } from './lib/bench-server.mjs';
import { ROOT, fmt, installCleanupHandlers, log, makeTempDir, onCleanup, percentile } from './lib/harness.mjs';
import { withDatabase } from './lib/bench-database.mjs';
import { COMMON_WORD, MEDIUM_WORD, PHRASE, insertReferenceRows, insertStories, rareWord } from './lib/search-scale-data.mjs';
import { implementations } from './lib/search-scale-impl.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,200000' },
    db: { type: 'string', default: 'pglite,postgres' },
    runs: { type: 'string', default: '60' },
    'compare-runs': { type: 'string', default: '5' },
    'compare-with': { type: 'string' },
    'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
    keep: { type: 'boolean', default: false },
    existing: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 100) || sizes.some((n, i) => i > 0 && n <= sizes[i - 1])) {
  console.error(`--sizes wants rising whole numbers of at least 100, e.g. 20000,200000; not ${values.sizes}`);
  process.exit(2);
}
const databases = values.db.split(',');
if (databases.some((d) => !['pglite', 'postgres'].includes(d))) {
  console.error(`--db takes pglite and/or postgres, not ${values.db}`);
  process.exit(2);
}
const runs = Number(values.runs);
const compareRuns = Number(values['compare-runs']);
installCleanupHandlers();
const MIGRATIONS = path.join(ROOT, 'db/migrations');
const BATCH = 10_000;
const now = new Date();
const codes = await implementations(values['compare-with']);

async function openFresh(kind) {
  if (kind === 'pglite') {
    const database = await openPglite(path.join(makeTempDir('search-scale-'), 'pgdata'));
    await migrateDatabase(database, MIGRATIONS);
    return database;
  }
  const name = `bench_search_scale_${process.pid}`;
  const admin = postgres(values['postgres-url'], { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 5 });
  if (values.keep) log(`PostgreSQL database ${name} is kept (--keep)`);
  else
    onCleanup(() => {
      // Synchronous on exit, as bench/lib/bench-database.mjs does; best effort.
      execFileSync('psql', [values['postgres-url'], '-c', `drop database if exists "${name}" with (force)`], { stdio: 'ignore' });
    });
  const database = openPostgres(withDatabase(values['postgres-url'], name), 2);
  await migrateDatabase(database, MIGRATIONS);
  return database;
}

async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(label, fn, runs) {
  for (let i = 0; i < Math.min(3, runs); i++) await fn(i);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => fn(i + 3)));
  return { label, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measureAll(db, code, runs) {
  const sample = await db.execute(sql`select id from stories where status = 'published' order by random() limit ${runs + 3}`);
  const ids = (Array.isArray(sample) ? sample : sample.rows).map((r) => Number(r.id)); // postgres.js: rows; PGlite: { rows }
  const storiesById = (await db.select(storyListColumns).from(stories).where(sql`${stories.id} in ${ids}`)).map(rowToStory);
  const queries = [
    ['common word', () => COMMON_WORD],
    ['rare word', (i) => rareWord((i * 37) % 2000)],
    ['two words', () => `${COMMON_WORD} ${MEDIUM_WORD}`],
    ['phrase', () => `"${PHRASE}"`],
  ];
  const out = [];
  for (const [label, q] of queries) out.push(await measure(`search: ${label}`, (i) => code.searchStories(db, q(i), now), runs));
  out.push(await measure('relatedStoriesFor', (i) => code.relatedStoriesFor(storiesById[i % storiesById.length], now), runs));
  return out;
}

if (values.existing) {
  const database = openPostgres(values.existing, 2);
  provideDatabase(Promise.resolve(database));
  const [{ n }] = await database.db.select({ n: sql`count(*)::int` }).from(stories);
  for (const code of codes) {
    for (const r of await measureAll(database.db, code, code.label === 'this tree' ? runs : compareRuns)) {
      console.log(`existing ${fmt(n).padStart(7)}  ${code.label.padEnd(16)} ${r.label.padEnd(22)} p50 ${fmt(r.p50, 1).padStart(8)} ms  p99 ${fmt(r.p99, 1).padStart(8)} ms`);
    }
  }
  await database.close();
  process.exit(0);
}

for (const kind of databases) {
  const database = await openFresh(kind);
  provideDatabase(Promise.resolve(database));
  await insertReferenceRows(database.db);
  let inserted = 0;
  for (const size of sizes) {
    const started = performance.now();
    for (let first = inserted + 1; first <= size; first += BATCH) {
      await insertStories(database.db, first, Math.min(size, first + BATCH - 1), sizes.at(-1), now);
    }
    inserted = size;
    await database.db.execute(sql`analyze stories, story_tags`);
    log(`${kind}: ${fmt(size)} stories in (${fmt((performance.now() - started) / 1000, 1)} s to insert and analyze)`);
    for (const code of codes) {
      for (const r of await measureAll(database.db, code, code.label === 'this tree' ? runs : compareRuns)) {
        console.log(`${kind.padEnd(8)} ${fmt(size).padStart(7)}  ${code.label.padEnd(16)} ${r.label.padEnd(22)} p50 ${fmt(r.p50, 1).padStart(8)} ms  p99 ${fmt(r.p99, 1).padStart(8)} ms`);
      }
    }
  }
  await database.close();
}
process.exit(0);
