// The server's V8 heap settings (docs/decisions/013-server-heap-settings.md): written once in
// package.json, put on the command line by `npm start` and `npm run serve`, and taken by Node
// as the heap they describe.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('server node flags', () => {
  it('bound the young generation and the old generation', () => {
    expect(SERVER_NODE_FLAGS).toContainEqual(expect.stringMatching(/^--max-semi-space-size=\d+$/));
    expect(SERVER_NODE_FLAGS).toContainEqual(expect.stringMatching(/^--max-old-space-size=\d+$/));
  });

  it.each(['start', 'serve'])('npm run %s puts them before scripts/serve.ts', (name) => {
    expect(scripts[name]).toMatch(/node \$npm_package_config_serverNodeFlags scripts\/serve\.ts$/);
  });

  it('are accepted by Node and set the heap they name', () => {
    const probe = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))"], { encoding: 'utf8' });
    expect(probe.stderr).toBe('');
    expect(probe.status).toBe(0);
    const oldSpaceMb = Number(SERVER_NODE_FLAGS.find((f) => f.startsWith('--max-old-space-size='))?.split('=')[1]);
    const limitMb = Number(probe.stdout) / 1024 / 1024;
    // The limit is the old generation plus the young one (a few semi-spaces), never the default gigabytes.
    expect(limitMb).toBeGreaterThanOrEqual(oldSpaceMb);
    expect(limitMb).toBeLessThan(oldSpaceMb + 128);
  });
});
