// Dumps of a PGlite data folder (gzipped tars, as db:backup writes them) spoilt on purpose,
// for the tests of what db:restore refuses: a file's bytes overwritten, or a file renamed.
import { gunzipSync, gzipSync } from 'node:zlib';

/** Where each file of a dump's tar is: its 512-byte header's offset, its name and size. */
function tarEntries(tar: Buffer): { offset: number; name: string; size: number }[] {
  const entries = [];
  for (let offset = 0; offset + 512 <= tar.length && tar[offset] !== 0; ) {
    const name = tar.toString('latin1', offset, offset + 100).replace(/\0.*$/s, '').replace(/^\/+/, '');
    const size = parseInt(tar.toString('latin1', offset + 124, offset + 136).replace(/\0.*$/s, '').trim() || '0', 8);
    entries.push({ offset, name, size });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

function entryOf(tar: Buffer, name: string) {
  const entry = tarEntries(tar).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the dump`);
  return entry;
}

/** The dump with one of its files' bytes overwritten with `fill`. */
export function damaged(dump: Buffer, name: string, fill: number): Buffer {
  const tar = Buffer.from(gunzipSync(dump));
  const { offset, size } = entryOf(tar, name);
  tar.fill(fill, offset + 512, offset + 512 + size);
  return gzipSync(tar);
}

/** The dump with one file renamed (its header's checksum made right again). */
export function renamed(dump: Buffer, name: string, to: string): Buffer {
  const tar = Buffer.from(gunzipSync(dump));
  const { offset } = entryOf(tar, name);
  tar.fill(0, offset, offset + 100);
  tar.write(`/${to}`, offset, 'latin1');
  tar.fill(0x20, offset + 148, offset + 156);
  let sum = 0;
  for (let i = offset; i < offset + 512; i++) sum += tar[i]!;
  tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, offset + 148, 'latin1');
  return gzipSync(tar);
}
