// Everything the checks look at, read once: the articles (parsed), the section and author ids,
// the site's routes and public files. Built by read-content-root.ts; tests build it from fixtures.
import { articleId } from './article-id.ts';
import { parseFrontmatter, type Frontmatter } from './frontmatter.ts';
import { maskNonProse } from './mask-non-prose.ts';
import type { RoutePattern } from './site-routes.ts';

export interface ArticleSource {
  /** The file as shown to the editor, relative to the working directory. */
  file: string;
  /** Path inside the articles folder with "/" separators, e.g. "markets/bond-deal.mdx". */
  pathInArticles: string;
  text: string;
}

export interface Article extends ArticleSource {
  /** The id (slug) Astro gives the story. */
  id: string;
  frontmatter: Frontmatter;
  /**
   * The file with frontmatter, code, and comments blanked out (line breaks kept), so scans
   * for tags, links and images find only what the page renders, at the right offsets.
   */
  prose: string;
  /** What link checks need to know, read leniently from the frontmatter. */
  section: string | undefined;
  tags: string[];
  draft: boolean;
  publishedAt: Date | undefined;
}

export interface ContentIndex {
  articles: Article[];
  /** Files in the articles folder that look like stories but that Astro does not read (e.g. .md). */
  ignoredStoryFiles: string[];
  sectionIds: string[];
  authorIds: string[];
  /** Routes derived from the files in src/pages. */
  routes: RoutePattern[];
  /** Files in public/, as site paths ("/favicon.svg"). */
  publicFiles: string[];
  /** The site's own origin, e.g. "https://news.example.com": links to it are internal. */
  siteUrl: string;
  /** The time "published" is judged at. */
  now: Date;
}

export function toArticle(source: ArticleSource): Article {
  const frontmatter = parseFrontmatter(source.text);
  const { data } = frontmatter;
  const publishedAt = asDate(data['publishedAt']);
  return {
    ...source,
    id: articleId(source.pathInArticles, data['slug']),
    frontmatter,
    prose: maskNonProse(source.text, frontmatter.bodyOffset),
    section: typeof data['section'] === 'string' ? data['section'] : undefined,
    tags: Array.isArray(data['tags']) ? data['tags'].filter((t): t is string => typeof t === 'string') : [],
    draft: data['draft'] === true,
    publishedAt,
  };
}

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Public now: not a draft and its time has come (the site's own rule, in story.ts). */
export function isPublicAt(article: Pick<Article, 'draft' | 'publishedAt'>, when: Date): boolean {
  return !article.draft && article.publishedAt !== undefined && article.publishedAt.getTime() <= when.getTime();
}
