// The one way the bench scripts read their command line (node:util parseArgs): --help / -h
// prints the usage and exits 0; an unknown option or a bad value prints what is wrong and the
// usage on stderr and exits 2, before anything is generated, built or started.
import { parseArgs } from 'node:util';

/** Stops the run: `message` (and the usage, when given) on stderr, exit code 2. */
export function stopWithUsage(message, usage = '') {
  console.error(usage ? `${message}\n${usage}` : message);
  process.exit(2);
}

/**
 * The options' values, parsed as parseArgs would with `--help`/`-h` added; `usage` is what
 * --help prints and what follows every error.
 */
export function readCommandLine({ options, usage, argv = process.argv.slice(2) }) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    stopWithUsage(error.message, usage);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** `--name` as a whole number of at least 1 (`fallback` when not given), or a message and exit 2. */
export function positiveIntOption(values, name, fallback, usage = '') {
  const raw = values[name] ?? fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) stopWithUsage(`--${name} must be a whole number of at least 1, not ${raw}`, usage);
  return n;
}
