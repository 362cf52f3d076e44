// Where the embedded database's files and its backups live, for the server and the two
// commands alike: the data folder `DATA_DIR/db`, its lock file beside it (db/data-dir-lock.ts),
// the private folder holding the server's backup socket, and the backups' default names.
import path from 'node:path';

export interface EmbeddedDatabasePaths {
  /** PGlite's data folder. */
  dbDir: string;
  /** The lock the process holding the folder keeps (db/client.ts). */
  lockFile: string;
  /** A folder only the server's user may enter, holding the socket. Beside the data folder, not in it: PGlite's dump reads every file inside. */
  controlDir: string;
  /** The socket the running server answers backup requests on (backup-channel.ts). */
  socket: string;
  /** Where backups go when no --out is given. */
  backupsDir: string;
}

export function embeddedDatabasePaths(dataDir: string): EmbeddedDatabasePaths {
  const dbDir = path.join(path.resolve(dataDir), 'db');
  const controlDir = `${dbDir}.control`;
  return { dbDir, lockFile: `${dbDir}.lock`, controlDir, socket: path.join(controlDir, 'backup.sock'), backupsDir: path.join(path.resolve(dataDir), 'backups') };
}

/** The longest path a Unix socket may have (sun_path holds 108 bytes on Linux, with its final zero). */
const MAX_SOCKET_PATH_BYTES = 107;

/** Why the socket cannot be made at its path, or null when it can. */
export function socketPathProblem(paths: EmbeddedDatabasePaths): string | null {
  const bytes = Buffer.byteLength(paths.socket);
  return bytes > MAX_SOCKET_PATH_BYTES ? `its path ${paths.socket} is ${bytes} bytes, more than a Unix socket allows (${MAX_SOCKET_PATH_BYTES}); a shorter DATA_DIR fixes it` : null;
}

/** A time as a file name can hold it everywhere: 2026-12-01T09-30-05Z. */
export function fileTimestamp(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

/** The default backup file: DATA_DIR/backups/masthead-db-<time>.tar.gz. */
export function defaultBackupFile(paths: EmbeddedDatabasePaths, time: Date): string {
  return path.join(paths.backupsDir, `masthead-db-${fileTimestamp(time)}.tar.gz`);
}
