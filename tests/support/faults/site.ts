// The built site a fault test serves, in a folder of its own. ensureIntegrationSite() builds
// into one shared folder, and on a machine where several Vitest runs overlap, another run
// rebuilds it while this run's servers still load page chunks from it lazily (they then fail
// with ERR_MODULE_NOT_FOUND). So each fault test copies a finished build, holding the build
// lock while it copies, and serves the copy.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureIntegrationSite, INTEGRATION_OUT_DIR, INTEGRATION_SITE_DIR, SITE_BUILD_TIMEOUT_MS } from '../site-server.ts';
import { ROOT } from '../test-site.ts';

/** The lock and the marker of site-server.ts: a marker under the lock means a finished build. */
const LOCK = `${INTEGRATION_SITE_DIR}.lock`;
const MARKER = path.join(INTEGRATION_SITE_DIR, 'built-for-run');

export interface SiteCopy {
  outDir: string;
  remove(): void;
}

export async function copyOfIntegrationSite(label: string): Promise<SiteCopy> {
  const parent = path.join(ROOT, '.data', 'faults');
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(path.join(parent, `${label}-`));
  const outDir = path.join(folder, 'dist');
  for (;;) {
    await ensureIntegrationSite();
    try {
      mkdirSync(LOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Same rule as site-server.ts: a lock older than any build was left by a killed run.
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > SITE_BUILD_TIMEOUT_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (!existsSync(MARKER)) continue;
      cpSync(INTEGRATION_OUT_DIR, outDir, { recursive: true });
      return { outDir, remove: () => rmSync(folder, { recursive: true, force: true }) };
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
