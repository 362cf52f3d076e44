// Command-line options of `npm run bench:archive` (bench/archive.mjs), checked: a bad value
// stops the run with a message before anything is generated, built or started.
import path from 'node:path';
import { DEFAULT_POSTGRES_URL } from './bench-server.mjs';
import { ROOT } from './harness.mjs';
import { positiveIntOption, readCommandLine, stopWithUsage } from './command-line.mjs';

export const USAGE = `usage: npm run bench:archive -- [--sizes 1000,20000,200000] [--db pglite,postgres]
                                [--load-seconds 120] [--seconds 10] [--connections 8]
                                [--publish-samples 10] [--postgres-url ${DEFAULT_POSTGRES_URL}]
                                [--no-build] [--seed 1] [--keep .data/bench/archive-kept]
  --sizes            archive sizes (stories) to generate, ingest and serve, in order
  --db               databases to run each size on
  --load-seconds     length of the mixed read load (RSS is read before and after it)
  --seconds          length of each latency row (article, section pages, search)
  --connections      concurrent clients of the load and of every row but the one-client rows
  --publish-samples  stories written into the content folder to time publish-to-live
  --no-build         serve the build in $MASTHEAD_OUT_DIR or dist/ instead of building one
  --keep             keep each size's archive and databases in this folder, and serve them
                     again (without taking them in anew) when a later run names it too`;

const DATABASES = ['pglite', 'postgres'];

export function readArchiveOptions(argv = process.argv.slice(2)) {
  const values = readCommandLine({
    argv,
    usage: USAGE,
    options: {
      sizes: { type: 'string', default: '1000,20000,200000' },
      db: { type: 'string', default: 'pglite,postgres' },
      'load-seconds': { type: 'string', default: '120' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
      'publish-samples': { type: 'string', default: '10' },
      'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
      'no-build': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      keep: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => s.trim().replace(/_/g, ''));
  if (sizes.some((s) => !/^[1-9]\d*$/.test(s))) stopWithUsage(`--sizes must be whole numbers of at least 1, separated by commas, not ${values.sizes}`, USAGE);
  const databases = values.db.split(',').map((s) => s.trim());
  const unknown = databases.filter((d) => !DATABASES.includes(d));
  if (unknown.length > 0 || databases.length === 0) stopWithUsage(`--db takes ${DATABASES.join(' and/or ')}, separated by commas, not ${values.db}`, USAGE);
  const int = (name) => positiveIntOption(values, name, undefined, USAGE);
  return {
    sizes: sizes.map(Number),
    databases: [...new Set(databases)],
    loadSeconds: int('load-seconds'),
    seconds: int('seconds'),
    connections: int('connections'),
    publishSamples: int('publish-samples'),
    postgresUrl: values['postgres-url'],
    noBuild: values['no-build'],
    seed: int('seed'),
    keep: values.keep ? path.resolve(ROOT, values.keep) : undefined,
  };
}
