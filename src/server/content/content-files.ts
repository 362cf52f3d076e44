// Which files of the content folder are content: sections/*.yaml, authors/*.yaml and
// articles/**/*.mdx, as the Astro collections globbed them (a file whose name starts with _ is
// ignored, and so are hidden files such as an editor's lock or swap files).
import { opendir, readdir } from 'node:fs/promises';
import path from 'node:path';

export type ContentFileKind = 'section' | 'author' | 'article';

export interface ContentFiles {
  /** Paths relative to the content folder, with forward slashes, sorted. */
  sections: string[];
  authors: string[];
  articles: string[];
}

const FOLDERS: Record<ContentFileKind, { folder: string; extension: string }> = {
  section: { folder: 'sections', extension: '.yaml' },
  author: { folder: 'authors', extension: '.yaml' },
  article: { folder: 'articles', extension: '.mdx' },
};

/** What a path relative to the content folder is, or undefined when it is no content file. */
export function contentFileKind(relativePath: string): ContentFileKind | undefined {
  const parts = relativePath.replaceAll('\\', '/').split('/');
  const name = parts.at(-1) ?? '';
  if (name.startsWith('_') || name.startsWith('.') || parts.some((p) => p === '' || p === '..' || p.startsWith('.'))) return undefined;
  for (const [kind, { folder, extension }] of Object.entries(FOLDERS) as [ContentFileKind, (typeof FOLDERS)[ContentFileKind]][]) {
    if (parts[0] === folder && parts.length >= 2 && name.endsWith(extension) && name.length > extension.length) return kind;
  }
  return undefined;
}

async function filesUnder(root: string, folder: string, kind: ContentFileKind): Promise<string[]> {
  const base = path.join(root, folder);
  let entries;
  try {
    // Read by libuv's threads, so a server taking a large folder in keeps answering meanwhile.
    entries = await readdir(base, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    // parentPath is `base` or a folder under it: the path relative to root without path.relative,
    // which costs more than everything else here at 200,000 files.
    const under = e.parentPath.length > base.length ? `${e.parentPath.slice(base.length + 1)}${path.sep}` : '';
    const relative = `${folder}/${under}${e.name}`;
    const shown = path.sep === '/' ? relative : relative.split(path.sep).join('/');
    if (contentFileKind(shown) === kind) files.push(shown);
  }
  return files.sort();
}

export async function listContentFiles(root: string): Promise<ContentFiles> {
  const [{ sections, authors }, articles] = await Promise.all([listSectionAndAuthorFiles(root), filesUnder(root, 'articles', 'article')]);
  return { sections, authors, articles };
}

/** The section and author files (a few dozen), sorted. */
export async function listSectionAndAuthorFiles(root: string): Promise<Pick<ContentFiles, 'sections' | 'authors'>> {
  const [sections, authors] = await Promise.all([filesUnder(root, 'sections', 'section'), filesUnder(root, 'authors', 'author')]);
  return { sections, authors };
}

/** For a `.catch` on reading a file or folder that may have gone since it was listed: undefined then. */
export function skipIfGone(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
  throw error;
}

/**
 * The article files, `batchSize` at a time, read a few hundred names at a time and never held
 * all at once: listing a 200,000-story folder whole costs the server tens of megabytes that it
 * does not hand back to the system afterwards (docs/performance.md). A folder's files come in
 * the order the file system gives them, then its subfolders, in name order. Hidden folders are
 * not entered; a folder removed meanwhile is skipped.
 */
export async function* articleFileBatches(root: string, batchSize: number): AsyncGenerator<string[]> {
  const folders = ['articles'];
  let batch: string[] = [];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    const dir = await opendir(path.join(root, folder), { bufferSize: 256 }).catch(skipIfGone);
    if (!dir) continue;
    const subfolders: string[] = [];
    for await (const entry of dir) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) subfolders.push(relative);
      } else if (entry.isFile() && contentFileKind(relative) === 'article') {
        batch.push(relative);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    // Popped from the end: the first in name order is walked next.
    folders.push(...subfolders.sort().reverse());
  }
  if (batch.length > 0) yield batch;
}
