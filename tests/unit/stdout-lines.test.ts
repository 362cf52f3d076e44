import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatheredLines } from '../../src/server/log/stdout-lines.ts';

/** A stand-in for fs.writeSync that keeps what was written, failing as told first. */
function fakeWrite(failures: string[] = [], maxPerWrite = Infinity) {
  const writes: string[] = [];
  const write = (_fd: number, data: string | Buffer, offset = 0) => {
    const failure = failures.shift();
    if (failure) throw Object.assign(new Error(failure), { code: failure });
    const buffer = Buffer.from(data);
    const end = Math.min(buffer.length, offset + maxPerWrite);
    writes.push(buffer.subarray(offset, end).toString());
    return end - offset;
  };
  return { write, writes };
}

afterEach(() => vi.useRealTimers());

describe('lines gathered for stdout', () => {
  it('go out in one write once the batch holds maxBytes', () => {
    const { write, writes } = fakeWrite();
    const lines = gatheredLines(1, { maxBytes: 10, maxDelayMs: 200, write });
    lines.write('{"a":1}\n');
    expect(writes).toEqual([]);
    lines.write('{"b":2}\n');
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
  });

  it('go out maxDelayMs after the first line of a batch, or on flush', () => {
    vi.useFakeTimers();
    const { write, writes } = fakeWrite();
    const lines = gatheredLines(1, { maxBytes: 1000, maxDelayMs: 200, write });
    lines.write('one\n');
    vi.advanceTimersByTime(199);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['one\n']);
    lines.write('two\n');
    const done = vi.fn();
    lines.flush(done);
    expect(writes).toEqual(['one\n', 'two\n']);
    expect(done).toHaveBeenCalledOnce();
  });

  it('wait out a full pipe and finish a partial write', () => {
    const { write, writes } = fakeWrite(['EAGAIN', 'EAGAIN'], 4);
    const pause = vi.fn();
    const lines = gatheredLines(1, { maxBytes: 1, maxDelayMs: 200, write, pause });
    lines.write('abcdefghij\n');
    expect(pause).toHaveBeenCalledTimes(2);
    expect(writes.join('')).toBe('abcdefghij\n');
  });

  it('stop writing once the reader is gone, and throw any other failure', () => {
    const gone = fakeWrite(['EPIPE']);
    const lines = gatheredLines(1, { maxBytes: 1, maxDelayMs: 200, write: gone.write });
    lines.write('lost\n');
    lines.write('also lost\n');
    expect(gone.writes).toEqual([]);
    const broken = gatheredLines(1, { maxBytes: 1, maxDelayMs: 200, write: fakeWrite(['EBADF']).write });
    expect(() => broken.write('x\n')).toThrow('EBADF');
  });
});
