// JSON lines for stdout, gathered and written together: a line is added to the batch, and the
// batch goes out in one synchronous write once it holds `maxBytes`, `maxDelayMs` after its
// first line, on flush(), and when the process exits. One write per line (or pino's own
// buffered stream, which measures the whole batch at every line) cost a busy server more than
// the lines themselves (docs/decisions/017-structured-logs.md). A full pipe (EAGAIN) is waited
// out; a reader gone (EPIPE) ends the writing, as pino does.
import { writeSync } from 'node:fs';

export interface GatheredLinesOptions {
  maxBytes: number;
  maxDelayMs: number;
  /** fs.writeSync's shape (a string, or a buffer from an offset); returns the bytes written. */
  write?: (fd: number, data: string | Buffer, offset?: number) => number;
  /** How a full pipe is waited out; default: 1 ms asleep. */
  pause?: () => void;
}

export interface GatheredLines {
  write(line: string): boolean;
  flush(done?: (error?: Error) => void): void;
}

const PAUSE_CELL = new Int32Array(new SharedArrayBuffer(4));
const pauseBriefly = () => void Atomics.wait(PAUSE_CELL, 0, 0, 1);

/** fs.writeSync, for a string or for a buffer from an offset. */
const writeToFd = (fd: number, data: string | Buffer, offset?: number): number => (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data, offset));

export function gatheredLines(fd: number, { maxBytes, maxDelayMs, write = writeToFd, pause = pauseBriefly }: GatheredLinesOptions): GatheredLines {
  let batch: string[] = [];
  let length = 0;
  let timer: NodeJS.Timeout | undefined;
  let readerGone = false;

  /** Writes `text`, as a string the first time (no copy), the rest of a partial write from its bytes. */
  function writeAll(text: string): void {
    let buffer: Buffer | undefined;
    let offset = 0;
    const total = Buffer.byteLength(text);
    while (offset < total && !readerGone) {
      try {
        if (offset === 0 && !buffer) {
          offset = write(fd, text);
          continue;
        }
        buffer ??= Buffer.from(text);
        offset += write(fd, buffer, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') pause();
        else if (code === 'EPIPE') readerGone = true;
        else throw error;
      }
    }
  }

  function flush(done?: (error?: Error) => void): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batch.length > 0) {
      const text = batch.join('');
      batch = [];
      length = 0;
      writeAll(text);
    }
    done?.();
  }

  return {
    write(line) {
      if (readerGone) return true;
      batch.push(line);
      length += line.length;
      if (length >= maxBytes) flush();
      else if (!timer) {
        timer = setTimeout(flush, maxDelayMs);
        timer.unref();
      }
      return true;
    },
    flush,
  };
}
