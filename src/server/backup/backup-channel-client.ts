// The backup command's side of the backup socket (backup-channel.ts): asks the running server
// for a snapshot and hands its bytes on as a stream, which fails if fewer arrive than the
// server announced; or learns that no server listens there.
import net from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import { MAX_ANSWER_LINE_BYTES, SNAPSHOT_REQUEST, type SnapshotAnswer } from './backup-channel-protocol.ts';

export type SnapshotFromServer = { kind: 'no-server' } | { kind: 'snapshot'; tar: Readable; bytes: number; pid: number };

/** Silence on the socket for this long (no answer, no bytes) ends the request. */
const SILENCE_TIMEOUT_MS = 10 * 60_000;

/** Connection errors that mean nobody listens: no socket file, or one left by a dead server. */
const NOBODY_LISTENS = new Set(['ENOENT', 'ECONNREFUSED']);

export function requestSnapshot(socketPath: string, silenceTimeoutMs = SILENCE_TIMEOUT_MS): Promise<SnapshotFromServer> {
  return new Promise((resolve, reject) => {
    const connection = net.createConnection(socketPath);
    let connected = false;
    let body: PassThrough | undefined;
    let expected = 0;
    let received = 0;
    let pending = Buffer.alloc(0);
    const fail = (message: string) => {
      const error = new Error(message);
      connection.destroy();
      if (body) body.destroy(error);
      else reject(error);
    };
    connection.setTimeout(silenceTimeoutMs, () => fail(`the server sent nothing on ${socketPath} for ${silenceTimeoutMs / 1000} s`));
    connection.once('connect', () => {
      connected = true;
      connection.write(`${SNAPSHOT_REQUEST}\n`);
    });
    connection.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && NOBODY_LISTENS.has(error.code ?? '')) resolve({ kind: 'no-server' });
      else fail(`the backup channel ${socketPath} failed: ${error.message}`);
    });
    connection.on('data', (chunk: Buffer) => {
      if (body) {
        received += chunk.length;
        if (!body.write(chunk)) connection.pause();
        return;
      }
      pending = Buffer.concat([pending, chunk]);
      const newline = pending.indexOf(0x0a);
      if (newline < 0) {
        if (pending.length > MAX_ANSWER_LINE_BYTES) fail(`${socketPath} does not answer as a Masthead server`);
        return;
      }
      let answer: SnapshotAnswer;
      try {
        answer = JSON.parse(pending.subarray(0, newline).toString('utf8')) as SnapshotAnswer;
      } catch {
        return fail(`${socketPath} does not answer as a Masthead server`);
      }
      if (!answer.ok) return fail(answer.error);
      expected = answer.bytes;
      body = new PassThrough();
      body.on('drain', () => connection.resume());
      const rest = pending.subarray(newline + 1);
      received += rest.length;
      body.write(rest);
      resolve({ kind: 'snapshot', tar: body, bytes: expected, pid: answer.pid });
    });
    connection.on('end', () => {
      if (!body) return fail('the server closed the backup channel without answering');
      if (received !== expected) return fail(`the server sent ${received} of the snapshot's ${expected} bytes`);
      body.end();
    });
  });
}
