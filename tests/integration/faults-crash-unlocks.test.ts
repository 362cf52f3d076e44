// The server is killed (SIGKILL, no chance to clean up) in the middle of a burst of unlocks,
// then started again on the same data. Whatever was in flight, the credits must add up:
// every balance equals its ledger, no balance is below zero, no unlock lacks its debit and no
// debit its unlock; and every unlock the server acknowledged (303) before dying is there.
// Once on the embedded database (the restart must also get past the dead process's lock
// file) and, with TEST_DATABASE_URL, once on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/client.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { NO_POSTGRES_REASON, openDataDir, POSTGRES_URL } from '../support/faults/databases.ts';
import { readStory, STORIES } from '../support/faults/http-client.ts';
import { auditLedger } from '../support/faults/ledger-audit.ts';
import { seedReaders, type SeededReader } from '../support/faults/readers.ts';
import { unlockBurst, type BurstAnswer } from '../support/faults/unlock-burst.ts';
import { freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { sql } from 'drizzle-orm';

const READERS = 24;
/** Fewer credits than stories: some unlocks are refused, so the zero floor is exercised too. */
const CREDITS = 5;
/** Acknowledged unlocks before the kill: enough that many more are in flight when it lands. */
const KILL_AFTER_UNLOCKS = 30;
const CONCURRENCY = 12;
const TEST_TIMEOUT_MS = 180_000;

let site: { outDir: string };
beforeAll(async () => {
  site = { outDir: await ensureIntegrationSite() };
}, SITE_BUILD_TIMEOUT_MS);

/** Runs the burst against a started server and SIGKILLs it after KILL_AFTER_UNLOCKS acknowledged unlocks. */
async function burstAndKill(server: SiteServer, readers: SeededReader[]): Promise<{ acknowledged: BurstAnswer[]; answers: BurstAnswer[] }> {
  const acknowledged: BurstAnswer[] = [];
  let killing: Promise<void> | undefined;
  const answers = await unlockBurst(server.url, readers, {
    concurrency: CONCURRENCY,
    onAnswer(answer) {
      if (answer.outcome === 303) acknowledged.push(answer);
      if (acknowledged.length >= KILL_AFTER_UNLOCKS) killing ??= server.kill();
    },
  });
  await killing;
  return { acknowledged, answers };
}

/** What the test expects of the data after the crash and the restart. */
async function expectConsistent(db: Db, acknowledged: BurstAnswer[]): Promise<void> {
  const audit = await auditLedger(db);
  expect(audit.balancesOffLedger).toEqual([]);
  expect(audit.negativeBalances).toEqual([]);
  expect(audit.unlocksWithoutDebit).toEqual([]);
  expect(audit.debitsWithoutUnlock).toEqual([]);
  expect(audit.unlocksDebitedTwice).toEqual([]);
  expect(audit.counts.unlocks).toBe(audit.counts.debits);
  // Every unlock acknowledged before the kill survived it.
  const result = (await db.execute(sql`select user_id, article_slug from unlocks`)) as unknown as Array<Record<string, string>> | { rows: Array<Record<string, string>> };
  const stored = new Set((Array.isArray(result) ? result : result.rows).map((r) => `${r.user_id} ${r.article_slug}`));
  const lost = acknowledged.filter((a) => !stored.has(`${a.reader.userId} ${a.story.slug}`));
  expect(lost.map((a) => `${a.reader.userId} ${a.story.slug}`)).toEqual([]);
  console.log(`faults-crash-unlocks: ${acknowledged.length} unlocks acknowledged before the kill, ${audit.counts.unlocks} stored, ${audit.counts.readers} readers consistent`);
}

function describeBurst(answers: BurstAnswer[]): string {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[String(a.outcome)] = (counts[String(a.outcome)] ?? 0) + 1;
  return JSON.stringify(counts);
}

describe('a crash during a burst of unlocks, on the embedded database (PGlite)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-faults-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('after SIGKILL and a restart on the same DATA_DIR the credits add up', async () => {
    const database = await openDataDir(dir);
    const readers = await seedReaders(database.db, READERS, CREDITS);
    await database.close();

    const first = await startSiteServer({ port: 4432, outDir: site.outDir, env: { DATA_DIR: dir, TRUST_PROXY: 'true' } });
    const { acknowledged, answers } = await burstAndKill(first, readers);
    // Killed mid-burst: some unlocks were never answered.
    expect(answers.some((a) => a.outcome === 'error'), describeBurst(answers)).toBe(true);

    // The lock file of the killed process is still there; the restart takes it over.
    const second = await startSiteServer({ port: 4432, outDir: site.outDir, env: { DATA_DIR: dir, TRUST_PROXY: 'true' } });
    try {
      expect((await readStory(second.url, STORIES[0]!, readers[0]!.token)).outcome).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    const reopened = await openDataDir(dir);
    try {
      await expectConsistent(reopened.db, acknowledged);
    } finally {
      await reopened.close();
    }
  }, TEST_TIMEOUT_MS);
});

if (!POSTGRES_URL) console.warn(`faults-crash-unlocks: ${NO_POSTGRES_REASON}`);

describe.skipIf(!POSTGRES_URL)('a crash during a burst of unlocks, on PostgreSQL', () => {
  let pg: TestDatabase;
  beforeAll(async () => {
    pg = await freshDatabase();
  });
  afterAll(async () => pg?.close());

  test('after SIGKILL and a restart the credits add up', async () => {
    const readers = await seedReaders(pg.db, READERS, CREDITS);
    const env = { DATABASE_URL: pg.url!, TRUST_PROXY: 'true' };
    const first = await startSiteServer({ port: 4433, outDir: site.outDir, env });
    const { acknowledged, answers } = await burstAndKill(first, readers);
    expect(answers.some((a) => a.outcome === 'error'), describeBurst(answers)).toBe(true);

    const second = await startSiteServer({ port: 4433, outDir: site.outDir, env });
    try {
      expect((await readStory(second.url, STORIES[0]!, readers[0]!.token)).outcome).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    await expectConsistent(pg.db, acknowledged);
  }, TEST_TIMEOUT_MS);
});
