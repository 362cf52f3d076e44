// A private copy of the integration build. The shared build (site-server.ts) is rebuilt in
// place by every Vitest run on the machine, and the hostile tests restart their server in
// the middle of a run (to read PGlite's DATA_DIR): a rebuild by someone else's run at that
// moment would leave no build to restart on. The copy is taken while the shared build is
// this run's and checked to still be afterwards, so it is never a half-built one.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureIntegrationSite, INTEGRATION_SITE_DIR } from '../site-server.ts';
import { ROOT } from '../test-site.ts';

const MARKER = path.join(INTEGRATION_SITE_DIR, 'built-for-run');
const LOCK = `${INTEGRATION_SITE_DIR}.lock`;

function builtForThisRun(): boolean {
  return !existsSync(LOCK) && existsSync(MARKER) && readFileSync(MARKER, 'utf8') === (process.env.MASTHEAD_TEST_RUN ?? 'outside-vitest');
}

/** Copies this run's integration build to .data/hostile-dist-<name>/ and returns that folder. */
export async function privateSiteCopy(name: string): Promise<string> {
  const target = path.join(ROOT, '.data', `hostile-dist-${name}`);
  for (let attempt = 1; ; attempt++) {
    const shared = await ensureIntegrationSite();
    rmSync(target, { recursive: true, force: true });
    try {
      cpSync(shared, target, { recursive: true });
      if (builtForThisRun()) return target;
    } catch (error) {
      // The shared build vanished under the copy: another run is rebuilding it.
      if (attempt >= 5) throw error;
    }
    if (attempt >= 5) throw new Error('The shared integration build kept changing while it was copied.');
  }
}
