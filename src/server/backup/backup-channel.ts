// The running server's side of `npm run db:backup`. PGlite lives inside the server's process
// and its data folder is locked to it, so only the server can copy it consistently: it listens
// on a Unix socket in a folder only its own user may enter (DATA_DIR/db.control, mode 0700),
// and answers each request with a snapshot taken by PGlite's dumpDataDir (db/pglite-snapshot.ts).
// Whoever can connect could read the data folder itself, so the channel gives nobody more than
// they have. Decision: docs/decisions/016-embedded-database-backups.md.
import { chmodSync, mkdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Database } from '../../../db/client.ts';
import { embeddedDatabasePaths, socketPathProblem } from './backup-paths.ts';
import { megabytes } from './sizes.ts';
import { MAX_REQUEST_BYTES, SNAPSHOT_REQUEST, type SnapshotAnswer } from './backup-channel-protocol.ts';

/** A client that has not sent its request line by then is dropped. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Makes the private folder, refusing one that belongs to another user. */
function privateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = statSync(folder);
  if (process.getuid && stat.uid !== process.getuid()) throw new Error(`${folder} belongs to another user (uid ${stat.uid})`);
  chmodSync(folder, 0o700);
}

/**
 * Starts answering backup requests for the embedded database in `dataDir`; resolves to the
 * function that stops. On PostgreSQL, or if the socket cannot be made, nothing listens (the
 * reason is logged) and `db:backup` says the server does not answer.
 */
export async function startBackupChannel(database: Database, dataDir: string, log: (line: string) => void): Promise<() => Promise<void>> {
  const snapshot = database.snapshot;
  if (database.kind !== 'pglite' || !snapshot) return async () => {};
  const paths = embeddedDatabasePaths(dataDir);
  const { controlDir, socket: socketPath } = paths;
  let queue: Promise<unknown> = Promise.resolve();
  /** One snapshot at a time: each holds the database for its length. */
  const takeInTurn = () => {
    const taken = queue.then(() => snapshot());
    // Waits for the snapshot without keeping it (a resolved promise holds its value).
    queue = taken.then(
      () => {},
      () => {},
    );
    return taken;
  };
  const server = net.createServer((connection) => answer(connection, takeInTurn, log));
  try {
    const problem = socketPathProblem(paths);
    if (problem) throw new Error(problem);
    privateFolder(controlDir);
    // This process holds the data folder's lock, so a socket left here is a dead server's.
    rmSync(socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    chmodSync(socketPath, 0o600);
  } catch (error) {
    log(`Backups: no backup channel (${(error as Error).message}); \`npm run db:backup\` needs the server stopped.`);
    server.close();
    return async () => {};
  }
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(socketPath, { force: true });
  };
}

function answer(connection: net.Socket, takeSnapshot: () => Promise<Blob>, log: (line: string) => void): void {
  let received = '';
  connection.setTimeout(REQUEST_TIMEOUT_MS, () => connection.destroy());
  connection.on('error', () => {});
  const reply = (head: SnapshotAnswer, body?: Blob): void => {
    connection.write(`${JSON.stringify(head)}\n`);
    if (!body) {
      connection.end();
      return;
    }
    // Streamed from the Blob PGlite made, so no second copy of the tar is held.
    const stream = Readable.fromWeb(body.stream() as WebReadableStream<Uint8Array>);
    stream.on('error', () => connection.destroy());
    stream.pipe(connection);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.toString('latin1');
    const newline = received.indexOf('\n');
    if (newline < 0) {
      if (received.length > MAX_REQUEST_BYTES) connection.destroy();
      return;
    }
    connection.off('data', onData);
    connection.setTimeout(0);
    if (received.slice(0, newline) !== SNAPSHOT_REQUEST) {
      reply({ ok: false, error: `unknown request; send "${SNAPSHOT_REQUEST}"` });
      return;
    }
    const started = Date.now();
    takeSnapshot().then(
      (tar) => {
        log(`Backups: snapshot of the embedded database taken for db:backup (${megabytes(tar.size)} in ${Date.now() - started} ms).`);
        reply({ ok: true, bytes: tar.size, pid: process.pid }, tar);
      },
      (error: Error) => {
        log(`Backups: the snapshot failed: ${error.message}`);
        reply({ ok: false, error: `the server could not take the snapshot: ${error.message}` });
      },
    );
  };
  connection.on('data', onData);
}
