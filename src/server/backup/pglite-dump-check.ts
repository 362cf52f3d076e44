// Whether a file is a dump of a PGlite data folder (PGlite's dumpDataDir: a tar, gzipped or
// not) before a restore touches anything: read to its end, so a truncated or corrupt file is
// refused too. Only the tar headers are looked at, not the data, so memory stays small.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export type DumpCheck = { ok: true; gzipped: boolean; files: number; pgVersion: string } | { ok: false; reason: string };

const BLOCK = 512;
/** What every PostgreSQL data folder holds at its root. */
const REQUIRED = ['PG_VERSION', 'global/pg_control'];

interface TarEntry {
  name: string;
  size: number;
  type: string;
}

/** A ustar header, or null when its checksum does not add up (not a tar). */
function parseHeader(block: Buffer): TarEntry | null {
  const text = (from: number, length: number) => block.toString('latin1', from, from + length).replace(/\0[\s\S]*$/, '');
  const stored = parseInt(text(148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (!Number.isInteger(stored) || stored !== sum || !text(257, 6).startsWith('ustar')) return null;
  const prefix = text(345, 155);
  const name = (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100)).replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
  return { name, size: parseInt(text(124, 12).trim() || '0', 8), type: text(156, 1) || '0' };
}

async function startsWithGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Walks the tar stream: every header checked, every entry's data skipped (PG_VERSION's kept). */
async function walkTar(stream: Readable): Promise<DumpCheck> {
  let pending: Buffer = Buffer.alloc(0);
  let skip = 0;
  let capture: { size: number; into: Buffer[] } | null = null;
  let ended = false;
  const names = new Set<string>();
  let pgVersion = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (!ended) {
      if (skip > 0) {
        const taken = Math.min(skip, pending.length);
        if (capture) capture.into.push(pending.subarray(0, taken));
        pending = pending.subarray(taken);
        skip -= taken;
        if (skip > 0) break;
        if (capture) pgVersion = Buffer.concat(capture.into).toString('latin1', 0, capture.size).trim();
        capture = null;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const entry = parseHeader(block);
      if (!entry) return { ok: false, reason: 'it is not a tar archive' };
      if (entry.name.split('/').includes('..')) return { ok: false, reason: `it names a file outside its folder (${entry.name})` };
      names.add(entry.name);
      skip = Math.ceil(entry.size / BLOCK) * BLOCK;
      if (entry.name === 'PG_VERSION' && entry.type === '0') capture = { size: entry.size, into: [] };
    }
  }
  if (!ended) return { ok: false, reason: names.size === 0 ? 'it is empty or not a tar archive' : 'it is cut short (the archive does not end)' };
  const missing = REQUIRED.filter((name) => !names.has(name));
  if (missing.length > 0) return { ok: false, reason: `it is a tar archive but not of a database folder (no ${missing.join(', no ')})` };
  if (!/^\d+$/.test(pgVersion)) return { ok: false, reason: 'its PG_VERSION does not name a PostgreSQL version' };
  return { ok: true, gzipped: false, files: names.size, pgVersion };
}

/** Reads `file` to its end and says whether it is a PGlite dump, or why not. */
export async function checkPgliteDump(file: string): Promise<DumpCheck> {
  let gzipped: boolean;
  try {
    gzipped = await startsWithGzip(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${(error as Error).message})` };
  }
  const raw = createReadStream(file);
  const stream = gzipped ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  try {
    const result = await walkTar(stream);
    return result.ok ? { ...result, gzipped } : result;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'its gzip stream is cut short' : `it cannot be read as a gzipped tar (${(error as Error).message})`;
    return { ok: false, reason };
  } finally {
    raw.destroy();
  }
}
