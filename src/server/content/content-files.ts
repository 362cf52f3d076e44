// Which files of the content folder are content: sections/*.yaml, authors/*.yaml and
// articles/**/*.mdx, as the Astro collections globbed them (a file whose name starts with _ is
// ignored, and so are hidden files such as an editor's lock or swap files).
import { readdirSync } from 'node:fs';
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

function filesUnder(root: string, folder: string, kind: ContentFileKind): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((relative) => contentFileKind(relative) === kind)
    .sort();
}

export function listContentFiles(root: string): ContentFiles {
  return { sections: filesUnder(root, 'sections', 'section'), authors: filesUnder(root, 'authors', 'author'), articles: filesUnder(root, 'articles', 'article') };
}
