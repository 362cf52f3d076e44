// Watches the content folder while the server runs (content-watch-tree.ts) and takes each saved
// file in as it lands, one at a time: an article is saved or, once its file is really gone,
// unpublished; a section or author file is saved (then articles that named it in vain are
// tried again) or its removal reported. Editors save in steps (truncate then write, or a temp
// file renamed over the old one): a file is acted on only after `debounceMs` of quiet and once
// it reads completely; a missing file is looked for again before anything is unpublished.
// A bad save is logged as `articles/x.mdx:12: message`; the version already saved stays up.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { like } from 'drizzle-orm';
import { parseDocument } from 'yaml';
import type { Db } from '../../../db/client.ts';
import { contentProblems } from '../../../db/schema/content.ts';
import { contentFileKind, type ContentFileKind } from './content-files.ts';
import { watchTree } from './content-watch-tree.ts';
import { syncContentFolder } from './content-folder-sync.ts';
import { clearContentProblems, formatFileProblems } from './content-problems.ts';
import { removeSectionOrAuthor, saveAuthor, saveSection } from './ingest-people.ts';
import { saveStory } from './ingest-story.ts';
import { unpublishStory } from './ingest-unpublish.ts';

export interface WatchOptions {
  now: () => Date;
  log: (line: string) => void;
  debounceMs?: number | undefined;
  publicDir?: string | undefined;
}

export interface ContentWatcher {
  stop(): Promise<void>;
}

/** How many times a half-written file is looked at again (one debounce apart) before it is judged as it is. */
const INCOMPLETE_RETRIES = 10;

/** Whether a file reads as a whole save: an article's frontmatter closed, a YAML file parsing. */
export function readsComplete(kind: ContentFileKind, source: string): boolean {
  if (source.trim() === '') return false;
  if (kind === 'article') return /^---\r?\n[\s\S]*?\r?\n---\s*(\r?\n|$)/.test(source);
  return parseDocument(source).errors.length === 0;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function watchContentFolder(db: Db, root: string, options: WatchOptions): ContentWatcher {
  const debounceMs = options.debounceMs ?? 150;
  const { log } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Runs the work after everything before it, so saves never overlap. */
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => log(`content watcher: ${(error as Error).message}`));
  };
  const schedule = (key: string, work: () => void, delay = debounceMs) => {
    if (stopped) return;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        work();
      }, delay),
    );
  };

  const retryArticlesWithProblems = async () => {
    const rows = await db.select({ sourcePath: contentProblems.sourcePath }).from(contentProblems).where(like(contentProblems.sourcePath, 'articles/%'));
    for (const { sourcePath } of rows) schedule(sourcePath, () => enqueue(() => takeIn(sourcePath, 'article', 0)));
  };

  const takeIn = async (relative: string, kind: ContentFileKind, attempt: number, missingBefore = false): Promise<void> => {
    if (stopped) return;
    const source = await readIfPresent(path.join(root, relative));
    if (source === undefined) {
      // Gone, or between an editor's delete and rename: look once more before taking it down.
      if (!missingBefore) return schedule(relative, () => enqueue(() => takeIn(relative, kind, attempt, true)));
      await clearContentProblems(db, [relative]);
      if (kind === 'article') {
        const { unpublished, slug } = await unpublishStory(db, { sourcePath: relative, now: options.now() });
        if (unpublished) log(`unpublished ${slug} (${relative} was removed)`);
      } else {
        const result = await removeSectionOrAuthor(db, kind, { sourcePath: relative, now: options.now() });
        for (const line of formatFileProblems({ sourcePath: relative, problems: result.problems })) log(line);
      }
      return;
    }
    if (!readsComplete(kind, source) && attempt < INCOMPLETE_RETRIES) {
      return schedule(relative, () => enqueue(() => takeIn(relative, kind, attempt + 1)));
    }
    const now = options.now();
    const result =
      kind === 'article'
        ? await saveStory(db, { sourcePath: relative, source, savedBy: `file:${relative}`, now, publicDir: options.publicDir, pathInUse: (p) => existsSync(path.join(root, p)) })
        : await (kind === 'section' ? saveSection : saveAuthor)(db, { sourcePath: relative, source, now });
    if (!result.ok) {
      log(`${relative} was not taken in (a version saved before stays up):`);
      for (const line of formatFileProblems({ sourcePath: relative, problems: result.problems })) log(line);
      return;
    }
    if (result.changed) log(`saved ${relative}`);
    if (result.changed && kind !== 'article') await retryArticlesWithProblems();
  };

  const resync = () =>
    enqueue(async () => {
      const result = await syncContentFolder(db, root, { now: options.now(), log, mode: 'per-file', publicDir: options.publicDir });
      const { saved, unpublished, failed } = result.counts;
      if (saved + unpublished + failed > 0) log(`content folder compared again: ${saved} saved, ${unpublished} taken down, ${failed} not taken in`);
    });

  const tree = watchTree(
    root,
    (relative, folderGone) => {
      const kind = contentFileKind(relative);
      if (kind) return schedule(relative, () => enqueue(() => takeIn(relative, kind, 0)));
      // A folder moved away or removed (no event per file): compare the whole folder.
      if (folderGone) schedule('*', resync);
    },
    (error) => log(`content watcher: ${error.message}`),
  );

  return {
    async stop() {
      stopped = true;
      tree.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await queue;
    },
  };
}
