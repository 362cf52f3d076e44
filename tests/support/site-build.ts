// The test site: one build of the code (it holds no content), and the content its servers take
// into their databases: the real content plus the fixture stories (canary, draft, scheduled,
// an archive section long enough to paginate), so browser and integration tests read the
// same pages. Used by the Playwright web server and by the integration servers (site-server.ts).
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { isolatedBuildArgs } from '../../src/build/isolated-build.mjs';
import { writeArchiveStories } from './archive-stories.ts';
import { ROOT } from './test-site.ts';

/** Copies content/ and the fixtures into `contentDir` (emptied first). */
export function prepareTestContent(contentDir: string): void {
  rmSync(contentDir, { recursive: true, force: true });
  mkdirSync(contentDir, { recursive: true });
  cpSync(path.join(ROOT, 'content'), contentDir, { recursive: true });
  for (const kind of ['articles', 'sections']) {
    const fixtures = path.join(ROOT, 'tests/fixtures', kind);
    for (const file of readdirSync(fixtures)) cpSync(path.join(fixtures, file), path.join(contentDir, kind, file));
  }
  writeArchiveStories(path.join(contentDir, 'articles'));
}

/**
 * Runs `astro build` into `outDir`, with a root and cache of its own beside `outDir` (see
 * src/build/isolated-build.mjs); throws with the output if it fails. No content goes in:
 * each server takes its content into its database (test-content-sync.ts, scripts/serve.ts).
 */
export async function buildTestSite(options: { outDir: string; siteUrl: string; stdio?: 'inherit' | 'pipe' }): Promise<void> {
  const { DATABASE_URL: _outerDatabase, MASTHEAD_CONTENT_DIR: _outerContent, ...outer } = process.env;
  const env = { ...outer, MASTHEAD_OUT_DIR: options.outDir, SITE_URL: options.siteUrl };
  const args = isolatedBuildArgs(path.join(path.dirname(options.outDir), 'astro-build'));
  const build = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: options.stdio ?? 'pipe', encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`The test build failed (exit ${build.status}).\n${build.stdout ?? ''}\n${build.stderr ?? ''}`);
  }
}
