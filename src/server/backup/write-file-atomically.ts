// Writes a file so that it is either whole or absent: it is written under a temporary name
// beside its own, flushed to disk, checked, then renamed over its name (a rename within a
// folder is atomic), and the folder is flushed so the rename survives a crash. A failure, or
// the process exiting on the way, removes the temporary file.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The temporary name used while `file` is written: hidden, and named for what it will be. */
export function partialName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.partial-${randomBytes(4).toString('hex')}`);
}

/**
 * `write` makes the temporary file (it must not exist yet: open it with the `wx` flag); `check`
 * is handed the written file and throws to refuse it. Then the file takes its name.
 */
export async function writeFileAtomically(file: string, write: (temporary: string) => Promise<void>, options: { check?: (written: string) => Promise<void> } = {}): Promise<void> {
  const temporary = partialName(file);
  // A command's signal handlers call process.exit, which runs this.
  const removeOnExit = () => rmSync(temporary, { force: true });
  process.once('exit', removeOnExit);
  try {
    await write(temporary);
    flush(temporary);
    await options.check?.(temporary);
    renameSync(temporary, file);
  } catch (error) {
    removeOnExit();
    throw error;
  } finally {
    process.off('exit', removeOnExit);
  }
  syncFolder(path.dirname(file));
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename) to disk; some systems cannot, which only costs durability. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here (some file systems refuse fsync on a folder)
  }
}
