// Playwright's web server: copies content/ and the fixture stories into .test-build/,
// builds the site there, then serves it. Run with Node 24 (npm exec -- node ...).
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync, spawn } from 'node:child_process';
import { writeArchiveStories } from './archive-stories.ts';
import { ROOT, TEST_BUILD_DIR, TEST_CONTENT_DIR, TEST_OUT_DIR, TEST_PORT, TEST_SITE_URL } from './test-site.ts';

rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
mkdirSync(TEST_BUILD_DIR, { recursive: true });
cpSync(path.join(ROOT, 'content'), TEST_CONTENT_DIR, { recursive: true });
for (const kind of ['articles', 'sections']) {
  const fixtures = path.join(ROOT, 'tests/fixtures', kind);
  for (const file of readdirSync(fixtures)) cpSync(path.join(fixtures, file), path.join(TEST_CONTENT_DIR, kind, file));
}
writeArchiveStories(path.join(TEST_CONTENT_DIR, 'articles'));

const env = { ...process.env, MASTHEAD_CONTENT_DIR: TEST_CONTENT_DIR, MASTHEAD_OUT_DIR: TEST_OUT_DIR, SITE_URL: TEST_SITE_URL };
const astro = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const build = spawnSync(process.execPath, [astro, 'build'], { cwd: ROOT, env, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The test build failed; see the output above.');
  process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, [path.join(ROOT, 'scripts/serve.ts')], {
  cwd: ROOT,
  env: { ...env, PORT: String(TEST_PORT), DATA_DIR: path.join(TEST_BUILD_DIR, 'data') },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
