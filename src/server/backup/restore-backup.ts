// `npm run db:restore` for the embedded database: a dump made by db:backup (or PGlite's
// dumpDataDir) becomes the data folder DATA_DIR/db again. Nothing is touched before the file is
// known to be a dump; the folder's lock is taken first, so no server can hold or open it
// meanwhile. The dump is opened by PGlite (its `loadDataDir`) in a new folder beside the data
// folder, which takes the data folder's name only once PostgreSQL has started on it: a failure
// at any step leaves the data folder as it was and no new folder behind.
import { existsSync, mkdirSync, mkdtempSync, openAsBlob, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, DataDirLockedError } from '../../../db/data-dir-lock.ts';
import { pgliteStartParams } from '../../../db/pglite-settings.ts';
import { embeddedDatabasePaths, fileTimestamp } from './backup-paths.ts';
import { BackupRefused } from './backup-refused.ts';
import { checkPgliteDump } from './pglite-dump-check.ts';
import { syncFolder } from './write-file-atomically.ts';

export interface RestoreOptions {
  dataDir: string;
  from: string;
  /** Restore over a data folder that holds a database, keeping that folder aside. */
  replace: boolean;
  now: Date;
}

export interface Restored {
  dbDir: string;
  /** Where the folder that was replaced now is (with --replace over a database). */
  keptAside?: string | undefined;
  /** Accounts in the restored database (null: it has no users table). */
  accounts: number | null;
}

const RESTORING_PREFIX = '.restoring-';

export async function restoreBackup(options: RestoreOptions): Promise<Restored> {
  const from = path.resolve(options.from);
  const dump = await checkPgliteDump(from);
  if (!dump.ok) throw new BackupRefused(`${from} is not a PGlite dump: ${dump.reason}. Nothing was changed.`);
  const { dbDir, lockFile } = embeddedDatabasePaths(options.dataDir);
  // DATA_DIR itself may be new; if this restore made it and fails, it goes too.
  const madeDataDir = mkdirSync(path.dirname(dbDir), { recursive: true });
  let release: () => void;
  let restored = false;
  try {
    release = acquireDataDirLock(lockFile);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new BackupRefused(`The embedded database in ${dbDir} is in use (pid ${error.holderPid}). Stop the server (or the command holding it) first: a restore replaces the folder under it. Nothing was changed.`);
  }
  try {
    const occupied = existsSync(dbDir) && readdirSync(dbDir).length > 0;
    if (occupied && !options.replace) {
      throw new BackupRefused(`${dbDir} already holds a database. Run again with --replace to restore over it (the present folder is kept aside, renamed), or set DATA_DIR to an empty folder. Nothing was changed.`);
    }
    removeLeftovers(dbDir);
    const restoring = mkdtempSync(`${dbDir}${RESTORING_PREFIX}`);
    const removeOnExit = () => rmSync(restoring, { recursive: true, force: true });
    process.once('exit', removeOnExit);
    try {
      const accounts = await loadDump(restoring, from, dump.gzipped);
      const keptAside = occupied ? asideName(dbDir, options.now) : undefined;
      swapIn(restoring, dbDir, keptAside);
      restored = true;
      return { dbDir, keptAside, accounts };
    } catch (error) {
      removeOnExit();
      throw error;
    } finally {
      process.off('exit', removeOnExit);
    }
  } finally {
    release();
    if (!restored && madeDataDir) rmSync(madeDataDir, { recursive: true, force: true });
  }
}

/** Folders left by a restore that was killed (the lock now held says none is running). */
function removeLeftovers(dbDir: string): void {
  const parent = path.dirname(dbDir);
  const prefix = `${path.basename(dbDir)}${RESTORING_PREFIX}`;
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) if (name.startsWith(prefix)) rmSync(path.join(parent, name), { recursive: true, force: true });
}

/** PGlite unpacks the dump into `folder` and starts PostgreSQL on it; then closes it cleanly. */
async function loadDump(folder: string, from: string, gzipped: boolean): Promise<number | null> {
  let client: PGlite;
  try {
    const loadDataDir = await openAsBlob(from, { type: gzipped ? 'application/x-gzip' : 'application/x-tar' });
    client = await PGlite.create(folder, { loadDataDir, startParams: pgliteStartParams() });
  } catch (error) {
    throw new BackupRefused(`PGlite could not open the dump ${from}: ${(error as Error).message}. Nothing was changed.`);
  }
  try {
    const found = await client.query<{ accounts: number | null }>(`select case when to_regclass('public.users') is null then null else (select count(*)::int from users) end as accounts`);
    return found.rows[0]?.accounts ?? null;
  } finally {
    await client.close();
  }
}

/** A name beside the data folder for the folder a restore replaces. */
function asideName(dbDir: string, now: Date): string {
  const base = `${dbDir}.before-restore-${fileTimestamp(now)}`;
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}

/** Two renames in one go (no signal handler runs between them); the first is undone if the second fails. */
function swapIn(restoring: string, dbDir: string, keptAside: string | undefined): void {
  if (keptAside) renameSync(dbDir, keptAside);
  else rmSync(dbDir, { recursive: true, force: true }); // absent, or an empty folder
  try {
    renameSync(restoring, dbDir);
  } catch (error) {
    if (keptAside) renameSync(keptAside, dbDir);
    throw error;
  }
  syncFolder(path.dirname(dbDir));
}
