// Takes a test content folder (see prepareTestContent in site-build.ts) into a test server's
// database before the server starts, all or nothing: a fixture that no longer compiles stops
// the run with every file:line: message, instead of a test failing later on a missing page.
import type { Db } from '../../db/client.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';

export class TestContentError extends Error {
  override name = 'TestContentError';
}

/** Syncs `contentDir` into `db`; throws, naming every problem, if any file was refused. */
export async function syncTestContent(db: Db, contentDir: string): Promise<void> {
  const lines: string[] = [];
  const result = await syncContentFolder(db, contentDir, { now: new Date(), log: (line) => lines.push(line), mode: 'all-or-nothing' });
  if (!result.ok) {
    throw new TestContentError(`The test content in ${contentDir} was not taken in (nothing was; ${result.counts.failed} file(s) refused):\n${lines.join('\n')}`);
  }
}
