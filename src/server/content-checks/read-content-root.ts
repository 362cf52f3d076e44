// The only file-reading part of the content checks: reads a content root (articles, sections,
// authors), the page files and public files of the site, into a ContentIndex.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { toArticle, type ContentIndex } from '../../lib/content-checks/content-index.ts';
import { routesFromPageFiles } from '../../lib/content-checks/site-routes.ts';

export interface ReadOptions {
  /** The content root: the folder holding articles/, sections/ and authors/. */
  contentRoot: string;
  /** The project folder holding src/pages and public. */
  projectRoot: string;
  /** Paths in messages are relative to this (the working directory). */
  displayFrom: string;
  siteUrl: string;
  now: Date;
}

export function readContentRoot(options: ReadOptions): ContentIndex {
  const articlesDir = path.join(options.contentRoot, 'articles');
  if (!isDirectory(articlesDir)) throw new Error(`no articles folder at ${articlesDir}: point --dir at the content root (the folder with articles/, sections/ and authors/)`);
  const articles = filesUnder(articlesDir)
    // Astro's glob loader reads **/[^_]*.mdx: files whose names start with "_" are skipped.
    .filter((file) => file.endsWith('.mdx') && !path.posix.basename(file).startsWith('_'))
    .map((file) => {
      const absolute = path.join(articlesDir, file);
      return toArticle({ file: path.relative(options.displayFrom, absolute), pathInArticles: file, text: readFileSync(absolute, 'utf8') });
    });
  const ignoredStoryFiles = filesUnder(articlesDir)
    .filter((file) => /\.(?:md|markdown|mdown)$/i.test(file))
    .map((file) => path.relative(options.displayFrom, path.join(articlesDir, file)));
  return {
    articles,
    ignoredStoryFiles,
    sectionIds: yamlIds(path.join(options.contentRoot, 'sections')),
    authorIds: yamlIds(path.join(options.contentRoot, 'authors')),
    routes: routesFromPageFiles(filesUnder(path.join(options.projectRoot, 'src/pages'))),
    publicFiles: filesUnder(path.join(options.projectRoot, 'public')).map((file) => `/${file}`),
    siteUrl: options.siteUrl,
    now: options.now,
  };
}

/** Ids as content.config.ts derives them: YAML file names not starting with "_". */
function yamlIds(folder: string): string[] {
  if (!isDirectory(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Files below a folder, relative to it with "/" separators, sorted; none if it is missing. */
function filesUnder(folder: string): string[] {
  if (!isDirectory(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
