// `astro build` writes generated files into <root>/.astro/ and its cache into cacheDir, and
// the bundler's output into outDir. Two builds in one tree at once (the browser tests, the
// integration tests, a benchmark, an editor's build) would then write over each other's
// files. A build made through this config has a root and a cache of its own; src/ and public/
// are still the project's. (Builds hold no content: stories live in the database.)
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ASTRO_BIN = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * Prepares `workDir` (created if needed) and returns the arguments after `node` for
 * `astro build` there. Run it with cwd = the project root.
 * @param {string} workDir
 * @returns {string[]}
 */
export function isolatedBuildArgs(workDir) {
  const root = path.join(workDir, 'astro-root');
  mkdirSync(root, { recursive: true });
  const configFile = path.join(workDir, 'astro.isolated.config.mjs');
  const dir = (p) => JSON.stringify(p + path.sep);
  writeFileSync(
    configFile,
    `import base from ${JSON.stringify(path.join(ROOT, 'astro.config.mjs'))};\n` +
      `export default { ...base, root: ${dir(root)}, srcDir: ${dir(path.join(ROOT, 'src'))}, publicDir: ${dir(path.join(ROOT, 'public'))}, cacheDir: ${dir(path.join(workDir, 'astro-cache'))} };\n`,
  );
  // The server bundle imports packages by name: outside the project it finds them through this link.
  const link = path.join(workDir, 'node_modules');
  if (path.relative(ROOT, workDir).startsWith('..') && !existsSync(link)) symlinkSync(path.join(ROOT, 'node_modules'), link, 'dir');
  // Astro joins --config onto the project root, so it is given relative to it.
  return [ASTRO_BIN, 'build', '--config', path.relative(ROOT, configFile)];
}
