// The V8 heap settings the server process runs with (docs/decisions/013-server-heap-settings.md).
// They are written once, as package.json's "config.serverNodeFlags": `npm start` and `npm run serve`
// put them on node's command line ($npm_package_config_serverNodeFlags), and everything else
// that starts scripts/serve.ts (scripts/demo.ts, the tests, the benchmarks) reads them here, so the server that is measured and tested is the server that is shipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface PackageJson {
  config?: { serverNodeFlags?: unknown };
}

function readFlags(): readonly string[] {
  const file = path.join(import.meta.dirname, '..', 'package.json');
  const flags = (JSON.parse(readFileSync(file, 'utf8')) as PackageJson).config?.serverNodeFlags;
  if (typeof flags !== 'string') throw new Error(`${file} has no "config.serverNodeFlags" string`);
  return flags.split(/\s+/).filter(Boolean);
}

/** Node's own flags for a server process, e.g. ['--max-semi-space-size=16', …]. */
export const SERVER_NODE_FLAGS: readonly string[] = readFlags();
