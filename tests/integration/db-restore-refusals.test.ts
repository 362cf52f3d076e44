// What `npm run db:backup` and `npm run db:restore` refuse, and that a restore that fails or
// is stopped leaves the data folder as it was and nothing half-written beside it. No server
// runs here: the backup is taken from the data folder itself, and a process holding the
// folder is this test, with the folder open (as a server or another command would hold it).
// PGlite only: on PostgreSQL the commands do nothing (db-backup-postgres.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createReader } from '../support/reader-factory.ts';
import { DATABASE_SETUP_TIMEOUT_MS } from '../support/test-db.ts';
import { readerRowsIn, runBackupCommand, startBackupCommand, type CommandRun } from '../support/backup-commands.ts';
import { damaged, renamed } from '../support/damaged-dumps.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const SKIP_REASON = 'TEST_DATABASE_URL is set, and these commands back up the embedded database only (db-backup-postgres.test.ts checks what they say on PostgreSQL)';
if (onPostgres) console.warn(`db-restore-refusals: skipped: ${SKIP_REASON}`);

const COMMAND_TIMEOUT_MS = 120_000;
const work = mkdtempSync(path.join(os.tmpdir(), 'masthead-restore-'));
/** A data folder with one reader, and its backup. */
const source = path.join(work, 'source');
let backupFile: string;
let readerEmail: string;
/** What `db:backup` printed when it backed up `source`. */
let firstBackup: CommandRun;

/** A new data folder's path, not yet made. */
let folders = 0;
const newDataDir = () => path.join(work, `data-${++folders}`);

/** What lies in a data folder besides the backups: `db`, and nothing half-made. */
const entriesOf = (dataDir: string) => (existsSync(dataDir) ? readdirSync(dataDir).filter((name) => name !== 'backups').sort() : []);

async function emailsIn(dataDir: string): Promise<string[]> {
  return (await readerRowsIn(dataDir)).users.map((u) => u.email);
}

describe.skipIf(onPostgres)('db:backup and db:restore refusals', () => {
  beforeAll(async () => {
    const database = await openPglite(path.join(source, 'db'));
    await migrateDatabase(database);
    readerEmail = (await createReader(database.db, new Date(), { credits: 5 })).email;
    await database.close();
    firstBackup = await runBackupCommand('backup', [], { DATA_DIR: source });
    backupFile = /Backup written: (\S+) \(/.exec(firstBackup.stdout)?.[1] ?? '';
  }, DATABASE_SETUP_TIMEOUT_MS + COMMAND_TIMEOUT_MS);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('backs up a folder no server holds, to a timestamped file only its owner may read', () => {
    const run = firstBackup;
    expect(run.status, run.stderr).toBe(0);
    const match = /Backup written: (\S+masthead-db-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz) \((\d+\.\d) MB\), from the data folder \(no server was running\)\./.exec(run.stdout);
    expect(match, run.stdout).not.toBeNull();
    expect(backupFile).toBe(match![1]);
    expect(path.dirname(backupFile)).toBe(path.join(source, 'backups'));
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(Number(match![2])).toBeCloseTo(statSync(backupFile).size / 1024 / 1024, 1);
    expect(readdirSync(path.join(source, 'backups')), 'no temporary file is left').toEqual([path.basename(backupFile)]);
    expect(entriesOf(source), 'the lock was given back').toEqual(['db']);
  });

  it('refuses to back up a folder held by a process that is not a server, and writes nothing', async () => {
    const holder = await openPglite(path.join(source, 'db'));
    try {
      const out = path.join(work, 'held.tar.gz');
      const run = await runBackupCommand('backup', ['--out', out], { DATA_DIR: source });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`is open in another process (pid ${process.pid}) that does not answer backup requests`);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(work).filter((name) => name.includes('held'))).toEqual([]);
    } finally {
      await holder.close();
    }
  }, COMMAND_TIMEOUT_MS);

  it('refuses to restore into a folder in use, and changes nothing', async () => {
    const holder = await openPglite(path.join(source, 'db'));
    try {
      const run = await runBackupCommand('restore', ['--from', backupFile, '--replace'], { DATA_DIR: source });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`is in use (pid ${process.pid}). Stop the server`);
      expect(entriesOf(source)).toEqual(['db', 'db.lock']);
    } finally {
      await holder.close();
    }
  }, COMMAND_TIMEOUT_MS);

  it('refuses to restore over a database without --replace; with it, keeps the old folder aside', async () => {
    const dataDir = newDataDir();
    expect((await runBackupCommand('restore', ['--from', backupFile], { DATA_DIR: dataDir })).status).toBe(0);
    const later = await openPglite(path.join(dataDir, 'db'));
    const laterEmail = (await createReader(later.db, new Date())).email;
    await later.close();

    const refused = await runBackupCommand('restore', ['--from', backupFile], { DATA_DIR: dataDir });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${path.join(dataDir, 'db')} already holds a database. Run again with --replace`);
    expect((await emailsIn(dataDir)).sort()).toEqual([readerEmail, laterEmail].sort());

    const replaced = await runBackupCommand('restore', ['--from', backupFile, '--replace'], { DATA_DIR: dataDir });
    expect(replaced.status, replaced.stderr).toBe(0);
    const aside = /The folder it replaced is kept at (\S+);/.exec(replaced.stdout)?.[1];
    expect(aside).toMatch(new RegExp(`^${path.join(dataDir, 'db')}\\.before-restore-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ$`));
    expect(await emailsIn(dataDir)).toEqual([readerEmail]);
    expect(entriesOf(dataDir)).toEqual(['db', path.basename(aside!)]);
    expect(readFileSync(path.join(aside!, 'PG_VERSION'), 'utf8'), 'the old folder is whole').toMatch(/^\d+\n$/);
  }, COMMAND_TIMEOUT_MS);

  it('refuses a file that is not a PGlite dump before touching anything', async () => {
    const dump = readFileSync(backupFile);
    const cases: [string, Buffer | null, string][] = [
      ['notes.txt', Buffer.from('not a backup\n'.repeat(100)), 'it is not a tar archive'],
      ['empty.tar.gz', gzipSync(Buffer.alloc(1024)), 'it is a tar archive but not of a database folder'],
      ['no-pg-control.tar.gz', renamed(dump, 'global/pg_control', 'global/pg_kontrol'), 'it is a tar archive but not of a database folder (no global/pg_control)'],
      ['escaping.tar.gz', renamed(dump, 'PG_VERSION', '../PG_VERSION'), 'it names a file outside its folder (../PG_VERSION)'],
      ['cut-short.tar.gz', dump.subarray(0, Math.floor(dump.length / 2)), 'its gzip stream is cut short'],
      ['missing.tar.gz', null, 'there is no such file'],
    ];
    for (const [name, bytes, reason] of cases) {
      const file = path.join(work, name);
      if (bytes) writeFileSync(file, bytes);
      const dataDir = newDataDir();
      const run = await runBackupCommand('restore', ['--from', file], { DATA_DIR: dataDir });
      expect(run.status, name).toBe(1);
      expect(run.stderr, name).toContain(`${file} is not a PGlite dump:`);
      expect(run.stderr, name).toContain(reason);
      expect(existsSync(dataDir), `${name}: no folder is made`).toBe(false);
      // Over a database, with --replace: the folder stays as it was.
      const over = await runBackupCommand('restore', ['--from', file, '--replace'], { DATA_DIR: source });
      expect(over.status, name).toBe(1);
      expect(entriesOf(source), name).toEqual(['db']);
    }
  }, COMMAND_TIMEOUT_MS);

  it('leaves nothing behind when PostgreSQL cannot start on the dump', async () => {
    const file = path.join(work, 'damaged.tar.gz');
    writeFileSync(file, damaged(readFileSync(backupFile), 'global/pg_control', 0x5a));
    const fresh = newDataDir();
    const run = await runBackupCommand('restore', ['--from', file], { DATA_DIR: fresh });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`PGlite could not open the dump ${file}`);
    expect(existsSync(fresh), 'the data folder this restore would have made is gone').toBe(false);

    const over = await runBackupCommand('restore', ['--from', file, '--replace'], { DATA_DIR: source });
    expect(over.status).toBe(1);
    expect(entriesOf(source), 'no half-restored folder, nothing renamed aside').toEqual(['db']);
    expect(await emailsIn(source)).toEqual([readerEmail]);
  }, COMMAND_TIMEOUT_MS);

  it('leaves nothing behind when stopped, and clears what a killed restore left', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const dataDir = newDataDir();
      const restore = startBackupCommand('restore', ['--from', backupFile], { DATA_DIR: dataDir });
      // Stopped while PGlite unpacks the dump into the folder that would become the database.
      for (let i = 0; !entriesOf(dataDir).some((name) => name.startsWith('db.restoring-')); i++) {
        if (i > 600 || restore.child.exitCode !== null) throw new Error(`the restore never started its folder:\n${(await restore.done).stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      restore.child.kill(signal);
      const stopped = await restore.done;
      if (signal === 'SIGTERM') {
        expect(stopped.status).toBe(130);
        expect(entriesOf(dataDir), 'no database, no half-made folder, no lock').toEqual([]);
      } else {
        expect(entriesOf(dataDir).some((name) => name.startsWith('db.restoring-')), 'a kill leaves the half-made folder').toBe(true);
        expect(existsSync(path.join(dataDir, 'db')), 'but never a half-made database').toBe(false);
        const again = await runBackupCommand('restore', ['--from', backupFile], { DATA_DIR: dataDir });
        expect(again.status, again.stderr).toBe(0);
        expect(entriesOf(dataDir), 'the next restore clears it').toEqual(['db']);
        expect(await emailsIn(dataDir)).toEqual([readerEmail]);
      }
    }
  }, COMMAND_TIMEOUT_MS);
});
