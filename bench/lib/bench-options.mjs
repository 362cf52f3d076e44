// Command-line options of `npm run bench` (bench/all.mjs), checked: a bad value stops the run
// with a message before anything is built or started.
import { DEFAULT_POSTGRES_URL } from './bench-server.mjs';
import { positiveIntOption, readCommandLine } from './command-line.mjs';

const USAGE = `usage: npm run bench -- [--quick] [--skip-large] [--skip-postgres] [--no-build]
                        [--rounds 3] [--seconds 5] [--connections 20] [--stories 5000]
                        [--postgres-url ${DEFAULT_POSTGRES_URL}]
  --quick        1 round x 2 s per row and 500 generated stories (development)
  --skip-large   no generated-story build (nor its memory figures)
  --no-build     serve the last build in $MASTHEAD_OUT_DIR or dist/ instead of building content/`;

export function readBenchOptions(argv = process.argv.slice(2)) {
  const values = readCommandLine({
    argv,
    usage: USAGE,
    options: {
      quick: { type: 'boolean', default: false },
      'skip-large': { type: 'boolean', default: false },
      'skip-postgres': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string', default: '20' },
      stories: { type: 'string' },
      'postgres-url': { type: 'string', default: DEFAULT_POSTGRES_URL },
    },
  });
  const positiveInt = (name, fallback) => positiveIntOption(values, name, fallback, USAGE);
  return {
    quick: values.quick,
    rounds: positiveInt('rounds', values.quick ? '1' : '3'),
    seconds: positiveInt('seconds', values.quick ? '2' : '5'),
    connections: positiveInt('connections'),
    stories: positiveInt('stories', values.quick ? '500' : '5000'),
    skipLarge: values['skip-large'],
    skipPostgres: values['skip-postgres'],
    noBuild: values['no-build'],
    postgresUrl: values['postgres-url'],
  };
}

/** Scripts that import the project's TypeScript modules need Node 24's type stripping. */
export function requireNode24(script) {
  if (Number(process.versions.node.split('.')[0]) < 24) {
    console.error(`This benchmark imports the project's TypeScript modules, which needs Node 24 (found ${process.version}). Use npm run ${script}.`);
    process.exit(2);
  }
}
