// `npm run content:sync` (scripts/content-sync.ts) as an operator runs it: it refuses a database
// behind the schema, takes a good folder in and says how much, and on any bad file prints every
// `path:line: message`, writes nothing and exits 1. On PGlite (a data folder) by default, on
// PostgreSQL when TEST_DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import postgres from 'postgres';
import { CONTENT_CHANNEL } from '../../src/server/content/content-channel.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/client.ts';
import { stories } from '../../db/schema/index.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUN_TIMEOUT_MS = 120_000;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let folder: ContentFolder;
let dataDir: string;
let migrated: TestDatabase | undefined;
let behind: TestDatabase | undefined;

beforeAll(async () => {
  folder = contentFolder('sync-command');
  dataDir = mkdtempSync(path.join(tmpdir(), 'masthead-sync-data-'));
  if (onPostgres) {
    migrated = await freshDatabase();
    behind = await freshDatabase({ migrated: false });
  }
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await migrated?.close();
  await behind?.close();
  folder?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a script of scripts/ against the migrated database (or, with `behindSchema`, one that is not). */
function run(script: string, behindSchema = false): Promise<{ status: number | null; output: string }> {
  const database = onPostgres ? { DATABASE_URL: (behindSchema ? behind : migrated)?.url ?? '' } : { DATABASE_URL: '', DATA_DIR: behindSchema ? path.join(dataDir, 'behind') : dataDir };
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    env: { ...process.env, ...database, MASTHEAD_CONTENT_DIR: folder.root, NODE_ENV: 'test', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function storyCount(): Promise<number | undefined> {
  if (migrated) return (await migrated.db.select({ n: count() }).from(stories))[0]?.n;
  const database = await openPglite(path.join(dataDir, 'db'));
  try {
    return (await database.db.select({ n: count() }).from(stories))[0]?.n;
  } finally {
    await database.close();
  }
}

describe('npm run content:sync', () => {
  it('refuses a database behind the schema', async () => {
    const { status, output } = await run('content-sync.ts', true);
    expect(status).toBe(1);
    expect(output).toContain('content:sync failed: The database is');
    expect(output).toContain('npm run db:migrate');
  }, RUN_TIMEOUT_MS);

  it('takes a good folder in and prints a summary', async () => {
    if (!onPostgres) expect((await run('db-migrate.ts')).status).toBe(0);
    folder.write('articles/first-story.mdx', storyFile({ title: 'First story' }));
    folder.write('articles/second-story.mdx', storyFile({ title: 'Second story' }));
    const { status, output } = await run('content-sync.ts');
    expect(output).toMatch(/Content synced from .* in [\d.]+ s: 12 saved, 0 unchanged, 0 unpublished\./);
    expect(status).toBe(0);
    expect(await storyCount()).toBe(2);
  }, RUN_TIMEOUT_MS);

  it('on any bad file prints every problem with its line, writes nothing and exits 1', async () => {
    folder.write('articles/third-story.mdx', storyFile({ title: 'Third story' }));
    folder.write('articles/bad-story.mdx', storyFile({ section: 'nowhere', authors: ['nobody'] }));
    const { status, output } = await run('content-sync.ts');
    expect(status).toBe(1);
    expect(output).toMatch(/^articles\/bad-story\.mdx:5: .*nowhere/m);
    expect(output).toMatch(/^articles\/bad-story\.mdx:6: .*nobody/m);
    expect(output).toContain('Nothing was written: 1 file');
    expect(await storyCount()).toBe(2);
  }, RUN_TIMEOUT_MS);

  it.runIf(onPostgres)('announces what it changed to the running servers (a listener on the content channel hears the story)', async () => {
    const listener = postgres(migrated?.url ?? '', { max: 1, onnotice: () => {} });
    const heard: string[] = [];
    try {
      await listener.listen(CONTENT_CHANNEL, (payload) => heard.push(payload));
      folder.write('articles/fourth-story.mdx', storyFile({ title: 'Fourth story' }));
      folder.remove('articles/bad-story.mdx');
      const { status, output } = await run('content-sync.ts');
      expect(output).toMatch(/Content synced from .*: [1-9]\d* saved/);
      expect(status).toBe(0);
      await expect.poll(() => heard.join('\n'), { timeout: 5_000 }).toContain('story:fourth-story');
    } finally {
      await listener.end({ timeout: 5 });
    }
  }, RUN_TIMEOUT_MS);
});
