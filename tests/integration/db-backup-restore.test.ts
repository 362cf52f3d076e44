// `npm run db:backup` while the server runs on the embedded database, then `npm run db:restore`
// into a fresh data folder: the restored database holds the same readers, balances, ledger rows
// and unlocks as the server had when the backup was taken. Readers come two ways: written into
// the data folder through the project's functions before the server starts (a reader with
// bought-in credits and unlocks), and over HTTP while it runs (registered from the mail the
// server sent, unlocking stories). Writes go on while the backup is taken, and one more after:
// the copy is a consistent snapshot (every balance is its ledger's sum; each unlock has its
// debit), and holds nothing written after it. A second server is then started on the restored
// folder, and readers sign in and find their balance and stories there.
// PGlite only: on PostgreSQL the commands do nothing (db-backup-postgres.test.ts).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { unlockStory } from '../../src/server/credits/ledger.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { registerAndVerify, shownBalance, signIn, storyIsOpen } from '../support/faults/accounts.ts';
import { STORIES, unlockStoryOverHttp, type Story } from '../support/faults/http-client.ts';
import { startMailBox, type MailBox } from '../support/mail-box.ts';
import { freePort } from '../support/instances/nginx.ts';
import { createReader } from '../support/reader-factory.ts';
import { readerRowsIn, runBackupCommand, startBackupCommand } from '../support/backup-commands.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const SKIP_REASON = 'TEST_DATABASE_URL is set, and these commands back up the embedded database only (PostgreSQL uses pg_dump; db-backup-postgres.test.ts checks what they say there)';
if (onPostgres) console.warn(`db-backup-restore: skipped: ${SKIP_REASON}`);

/** The welcome credits a confirmed reader starts with (src/lib/credits/credit-config.ts). */
const WELCOME = 3;
const TEST_TIMEOUT_MS = 240_000;

describe.skipIf(onPostgres)('db:backup while the server runs, then db:restore into a fresh folder', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'masthead-backup-'));
  const dataDir = path.join(work, 'live');
  const restoredDir = path.join(work, 'restored');
  const backupFile = path.join(work, 'nightly.tar.gz');
  let inbox: MailBox;
  const servers: SiteServer[] = [];
  const serve = async (dir: string) => {
    const server = await startSiteServer({ port: await freePort(), env: { DATA_DIR: dir, SMTP_URL: inbox.smtpUrl, TRUST_PROXY: 'true' } });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    await ensureIntegrationSite();
    inbox = await startMailBox(0);
  }, SITE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) await server.stop();
    await inbox?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('the restored folder holds the same readers, balances, ledger and unlocks', async () => {
    const [s0, s1, s2, s3, s4, s5, s6, s7] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => STORIES[i]!) as [Story, Story, Story, Story, Story, Story, Story, Story];
    // Through the project's functions, before any server: a reader given 12 credits who unlocked two stories.
    const seeded = await openPglite(path.join(dataDir, 'db'));
    await migrateDatabase(seeded);
    const bought = await createReader(seeded.db, new Date(), { credits: 12 });
    for (const story of [s5, s7]) expect(await unlockStory(seeded.db, bought.id, story.slug, new Date())).toBe('unlocked');
    await seeded.close();

    const live = await serve(dataDir);
    const ann = await registerAndVerify(live.url, inbox);
    const ben = await registerAndVerify(live.url, inbox);
    for (const story of [s0, s1]) expect((await unlockStoryOverHttp(live.url, story, ann.token)).outcome).toBe(303);
    expect((await unlockStoryOverHttp(live.url, s2, ben.token)).outcome).toBe(303);

    // The backup, with readers writing while it is taken.
    const backup = startBackupCommand('backup', ['--out', backupFile], { DATA_DIR: dataDir });
    const during = Promise.all([
      unlockStoryOverHttp(live.url, s3, ben.token),
      registerAndVerify(live.url, inbox),
      new Promise((resolve) => setTimeout(resolve, 1000)).then(() => unlockStoryOverHttp(live.url, s4, ben.token)),
    ]);
    const taken = await backup.done;
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(new RegExp(`Backup written: ${backupFile.replaceAll('.', '\\.')} \\(\\d+\\.\\d MB\\), from the running server \\(pid ${live.child.pid}\\)\\.`));
    expect(statSync(backupFile).mode & 0o777, 'the backup holds password hashes: its owner only').toBe(0o600);
    for (const answer of [(await during)[0], (await during)[2]]) expect(answer.outcome).toBe(303);
    // After the backup: not in it.
    expect((await unlockStoryOverHttp(live.url, s6, ann.token)).outcome).toBe(303);

    // The folder the server holds cannot be restored into.
    const refused = await runBackupCommand('restore', ['--from', backupFile, '--replace'], { DATA_DIR: dataDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`The embedded database in ${path.join(dataDir, 'db')} is in use (pid ${live.child.pid})`);
    expect(await shownBalance(live.url, ann.token), 'the server goes on as before').toBe(WELCOME - 3);
    expect(await live.stop()).toBe(0);

    const restoring = await runBackupCommand('restore', ['--from', backupFile], { DATA_DIR: restoredDir });
    expect(restoring.status, restoring.stderr).toBe(0);
    expect(restoring.stdout).toContain(`Restored ${backupFile} into ${path.join(restoredDir, 'db')} (`);

    const original = await readerRowsIn(dataDir);
    const restored = await readerRowsIn(restoredDir);
    expect(restored.audit, 'every balance is its ledger, every unlock has one debit').toMatchObject({ balancesOffLedger: [], negativeBalances: [], unlocksWithoutDebit: [], debitsWithoutUnlock: [], unlocksDebitedTwice: [] });
    // Every row restored is the row the server had (the same ids, hashes and times); only balances moved since.
    const withoutBalance = ({ creditBalance: _b, ...rest }: (typeof original.users)[number]) => rest;
    expect(restored.users.map(withoutBalance)).toEqual(original.users.filter((u) => restored.users.some((r) => r.id === u.id)).map(withoutBalance));
    expect(restored.ledger).toEqual(original.ledger.filter((row) => restored.ledger.some((r) => r.id === row.id)));
    expect(restored.unlocks).toEqual(original.unlocks.filter((row) => restored.unlocks.some((r) => r.userId === row.userId && r.articleSlug === row.articleSlug)));
    // Everything written before the backup is there; the unlock made after it is not.
    const byEmail = (email: string) => restored.users.find((u) => u.email === email);
    const slugsOf = (email: string) => restored.unlocks.filter((u) => u.userId === byEmail(email)?.id).map((u) => u.articleSlug).sort();
    expect(byEmail(bought.email)?.creditBalance).toBe(10);
    expect(slugsOf(bought.email)).toEqual([s5.slug, s7.slug].sort());
    expect(byEmail(ann.email)?.creditBalance).toBe(WELCOME - 2);
    expect(slugsOf(ann.email)).toEqual([s0.slug, s1.slug].sort());
    expect(slugsOf(ben.email)).toContain(s2.slug);
    expect(original.unlocks.length - restored.unlocks.length, 'the unlock after the backup, and any that finished after the snapshot').toBeGreaterThanOrEqual(1);

    // A second server on the restored folder: the same readers sign in and find the same credits and stories.
    const second = await serve(restoredDir);
    const annAgain = await signIn(second.url, ann);
    expect(await shownBalance(second.url, annAgain)).toBe(WELCOME - 2);
    expect(await storyIsOpen(second.url, s0, annAgain)).toBe(true);
    expect(await storyIsOpen(second.url, s6, annAgain)).toBe(false);
    expect(await shownBalance(second.url, ben.token), "a session from before the backup is in it too").toBe(byEmail(ben.email)?.creditBalance);
  }, TEST_TIMEOUT_MS);
});
