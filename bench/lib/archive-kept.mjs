// `npm run bench:archive -- --keep <dir>`: what one run leaves for the next. A 200,000-story
// archive takes most of an hour to generate and take in; with --keep, the generated folder, the
// embedded database's folder and the PostgreSQL database of each size stay in <dir>, and a
// later run with the same --keep, size and seed serves them again instead of taking them in
// anew (its ingest figures are the earlier run's, dated). Nothing here is removed by the run.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const archiveFile = (dir, size) => path.join(dir, `archive-${size}.json`);
const ingestFile = (dir, size, kind) => path.join(dir, `ingested-${size}-${kind}.json`);

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Where the archive, the embedded database and the PostgreSQL database of one size live. */
export function keptPlaces(dir, size, kind) {
  return { contentDir: path.join(dir, `archive-${size}`), dataDir: path.join(dir, `data-${size}-${kind}`), databaseName: `masthead_bench_archive_kept_${size}` };
}

/** The generated archive's description, when this size and seed were generated into `dir` before. */
export function keptArchive(dir, size, seed) {
  const kept = readJson(archiveFile(dir, size));
  return kept && kept.seed === seed && existsSync(kept.archive.out) ? kept.archive : undefined;
}

export function keepArchive(dir, archive, seed) {
  writeFileSync(archiveFile(dir, archive.count), JSON.stringify({ seed, archive }));
}

/** The earlier run's ingest figures for this size on this database, if it finished taking it in. */
export function keptIngest(dir, size, kind) {
  return readJson(ingestFile(dir, size, kind));
}

export function keepIngest(dir, size, kind, figures) {
  writeFileSync(ingestFile(dir, size, kind), JSON.stringify({ date: new Date().toISOString(), ...figures }));
}

/** Forgets a half-taken-in database (a run stopped during content:sync): it is made again. */
export function forgetIngest(dir, size, kind) {
  rmSync(ingestFile(dir, size, kind), { force: true });
  rmSync(keptPlaces(dir, size, kind).dataDir, { recursive: true, force: true });
}
