// PGlite does not guard its data folder against a second process; Masthead's lock file does.
// These tests open real PGlite folders on disk and start a real second process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../db/client.ts';
import { acquireDataDirLock, DataDirLockedError } from '../../db/data-dir-lock.ts';
import { DATABASE_SETUP_TIMEOUT_MS } from '../support/test-db.ts';

const CLIENT_MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../../db/client.ts')).href;

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'masthead-lock-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A process that is alive and is not this one. */
function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start a process');
  return { pid, stop: () => child.kill() };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('openPglite', () => {
  // One real data folder, opened once (PGlite's start-up is the slow part), for three facts.
  let folder: string;
  let dataDir: string;
  let database: Database | undefined;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'masthead-pglite-'));
    dataDir = path.join(folder, 'not', 'yet', 'there', 'db');
    database = await openPglite(dataDir);
  }, DATABASE_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates missing parent folders, and holds a lock file naming this process beside the data folder', async () => {
    const result = await database!.db.execute(sql`select 1 as one`);

    expect(result).toBeDefined();
    expect(existsSync(dataDir)).toBe(true);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
  });

  it('refuses a second process while this one has the folder open, naming this process', { timeout: 60_000 }, () => {
    const script = path.join(folder, 'second-opener.ts');
    writeFileSync(script, `import { openPglite } from ${JSON.stringify(CLIENT_MODULE)};\nawait openPglite(${JSON.stringify(dataDir)});\n`);

    const second = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 50_000 });

    expect(second.signal).toBeNull(); // it stopped by itself, not by the timeout
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain(`The embedded database is already open in another process (pid ${process.pid}`);
    expect(second.stderr).toContain('Stop that process first, or set DATABASE_URL');
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid)); // still ours
  });

  it('removes the lock file when closed', async () => {
    await database!.close();
    database = undefined;
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

describe('acquireDataDirLock', () => {
  it('refuses a lock file held by another live process, and says how to resolve it', () => {
    const lockPath = path.join(work, 'db.lock');
    const other = liveProcess();
    try {
      writeFileSync(lockPath, String(other.pid));

      const error = (() => {
        try {
          acquireDataDirLock(lockPath);
        } catch (e) {
          return e;
        }
        return undefined;
      })();

      expect(error).toBeInstanceOf(DataDirLockedError);
      const locked = error as DataDirLockedError;
      expect(locked.holderPid).toBe(other.pid);
      expect(locked.message).toContain(`pid ${other.pid}`);
      expect(locked.message).toContain(lockPath);
      expect(locked.message).toMatch(/Stop that process first, or set DATABASE_URL/);
      expect(readFileSync(lockPath, 'utf8')).toBe(String(other.pid)); // left alone
    } finally {
      other.stop();
    }
  });

  it('takes over a lock left by a process that has exited, and removes it on release', () => {
    const lockPath = path.join(work, 'db.lock');
    writeFileSync(lockPath, String(deadPid()));

    const release = acquireDataDirLock(lockPath);

    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('lets the folder be opened again once released', () => {
    const lockPath = path.join(work, 'db.lock');
    acquireDataDirLock(lockPath)();
    const again = acquireDataDirLock(lockPath);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    again();
  });
});
