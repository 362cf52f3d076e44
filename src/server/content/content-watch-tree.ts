// Watches a folder and every folder under it, one fs.watch per folder. Node's own
// { recursive: true } on Linux watches each file by inode, so once an editor saves by renaming
// a temporary file over a story, later saves of that story went unseen; a folder's watch sees
// every name in it, whatever replaced it. Folders created later are watched as they appear
// (and the files already in them reported); hidden folders (.git and the like) are not.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface TreeWatch {
  close(): void;
}

/**
 * Calls `onPath` with the path (relative to root, forward slashes) of every name that changes,
 * and whether it was a watched folder that is now gone (its files went with it, unreported).
 */
export function watchTree(root: string, onPath: (relative: string, folderGone: boolean) => void, onError: (error: Error) => void): TreeWatch {
  const watchers = new Map<string, FSWatcher>();
  const relative = (full: string) => path.relative(root, full).split(path.sep).join('/');

  /** Stops watching a folder that is gone and those under it; whether it was watched. */
  const forget = (dir: string): boolean => {
    let was = false;
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) {
        watcher.close();
        watchers.delete(watched);
        was = true;
      }
    }
    return was;
  };

  /** Watches `dir` and the folders under it; with `report`, names the files found (a folder moved in). */
  const add = (dir: string, report: boolean) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => {
        if (!name) return onPath(relative(dir), false);
        const full = path.join(dir, name.toString());
        let folderGone = false;
        if (event === 'rename') {
          let isFolder = false;
          try {
            isFolder = statSync(full).isDirectory();
          } catch {
            folderGone = forget(full);
          }
          if (isFolder && !name.toString().startsWith('.')) add(full, true);
        }
        onPath(relative(full), folderGone);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    watcher.on('error', (error) => {
      forget(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'EPERM') onError(error);
    });
    watchers.set(dir, watcher);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) add(path.join(dir, entry.name), report);
      else if (report && entry.isFile()) onPath(relative(path.join(dir, entry.name)), false);
    }
  };

  add(path.resolve(root), false);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
