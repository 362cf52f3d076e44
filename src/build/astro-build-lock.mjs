// One `astro build` at a time in this project folder. Astro writes <root>/.astro/ (the content
// module map among it) on every build, whatever the content folder, so two builds at once can
// leave one of them serving the other's content. Tests and benchmarks that build take this
// lock; `npm run build` alone does not need it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCK = path.join(ROOT, '.data', 'astro-build.lock');

function holderIsGone() {
  try {
    const pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid file yet (being created) counts as held; a pid that no longer runs is stale.
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH';
  }
}

/**
 * Runs `build` (sync or async) holding the project's build lock.
 * @template T
 * @param {() => T | Promise<T>} build
 * @returns {Promise<T>}
 */
export async function withAstroBuildLock(build) {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      if (holderIsGone()) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
