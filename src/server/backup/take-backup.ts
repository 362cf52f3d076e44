// `npm run db:backup` for the embedded database: a snapshot from the running server over its
// backup channel (backup-channel.ts) or, when no server runs, from the data folder opened here
// (its lock taken, as a server would); checked as a dump and written whole or not at all.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import { openPglite } from '../../../db/client.ts';
import { DataDirLockedError } from '../../../db/data-dir-lock.ts';
import { requestSnapshot } from './backup-channel-client.ts';
import { defaultBackupFile, embeddedDatabasePaths, socketPathProblem, type EmbeddedDatabasePaths } from './backup-paths.ts';
import { BackupRefused } from './backup-refused.ts';
import { checkPgliteDump } from './pglite-dump-check.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

export type SnapshotSource = { kind: 'server'; pid: number } | { kind: 'folder' };

export interface BackupTaken {
  file: string;
  /** The file's size (compressed). */
  bytes: number;
  source: SnapshotSource;
}

/** A snapshot's tar as it arrives, and what held the folder when it was taken. */
interface Snapshot {
  tar: Readable;
  source: SnapshotSource;
  /** Called once the tar has been read (closes a folder opened here). */
  done(): Promise<void>;
}

/** How long a folder locked by a server that does not answer yet (still starting) is waited for. */
const LOCKED_WAIT_MS = 5000;
const LOCKED_RETRY_MS = 250;

export async function takeBackup(options: { dataDir: string; out?: string | undefined; now: Date }): Promise<BackupTaken> {
  const paths = embeddedDatabasePaths(options.dataDir);
  const file = options.out ? path.resolve(options.out) : defaultBackupFile(paths, options.now);
  if (options.out) {
    if (!statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) throw new BackupRefused(`The folder ${path.dirname(file)} does not exist; create it or give --out another file.`);
  } else {
    mkdirSync(paths.backupsDir, { recursive: true, mode: 0o700 });
    if (existsSync(file)) throw new BackupRefused(`${file} already exists; give --out another file.`);
  }
  const snapshot = await snapshotOf(paths);
  try {
    // Compressed here, in the command's process, not in the server's.
    await writeFileAtomically(file, (temporary) => pipeline(snapshot.tar, createGzip(), createWriteStream(temporary, { flags: 'wx', mode: 0o600 })), {
      check: async (written) => {
        const dump = await checkPgliteDump(written);
        if (!dump.ok) throw new BackupRefused(`The snapshot taken cannot be read back as a dump (${dump.reason}); nothing was written.`);
      },
    });
  } finally {
    await snapshot.done();
  }
  return { file, bytes: statSync(file).size, source: snapshot.source };
}

/** From the server when one answers; else from the folder, unless a process that does not answer holds it. */
async function snapshotOf(paths: EmbeddedDatabasePaths): Promise<Snapshot> {
  const deadline = Date.now() + LOCKED_WAIT_MS;
  for (;;) {
    // A socket path too long for the system: no server can listen there either.
    const fromServer = socketPathProblem(paths) ? ({ kind: 'no-server' } as const) : await requestSnapshot(paths.socket);
    if (fromServer.kind === 'snapshot') return { tar: fromServer.tar, source: { kind: 'server', pid: fromServer.pid }, done: async () => {} };
    if (!existsSync(path.join(paths.dbDir, 'PG_VERSION'))) throw new BackupRefused(`There is no embedded database in ${paths.dbDir} (check DATA_DIR).`);
    try {
      const database = await openPglite(paths.dbDir);
      try {
        const tar = await database.snapshot!();
        return { tar: Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>), source: { kind: 'folder' }, done: () => database.close() };
      } catch (error) {
        await database.close();
        throw error;
      }
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      // A server that has taken the lock but is still migrating does not listen yet.
      if (Date.now() > deadline) {
        throw new BackupRefused(
          `The embedded database in ${paths.dbDir} is open in another process (pid ${error.holderPid}) that does not answer backup requests on ${paths.socket}. ` +
            'Only a running server (`npm run serve`) answers them: wait for that process to end (or stop it) and run db:backup again.',
        );
      }
      await sleep(LOCKED_RETRY_MS);
    }
  }
}
