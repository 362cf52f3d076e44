// The per-file content checks (src/lib/content-checks/run-checks.ts) run for one story the
// compiler is given, so check:content and the compiler refuse the same files. Gives their
// errors as story problems, and the frontmatter as articleSchema parsed it when it passed.
import { checkImageSources } from '../content-checks/check-image-sources.ts';
import { checkInternalLinks } from '../content-checks/check-internal-links.ts';
import { checkMdxConstructs } from '../content-checks/check-mdx-constructs.ts';
import { toArticle, type Article, type ContentIndex } from '../content-checks/content-index.ts';
import { ARTICLE_CHECKS } from '../content-checks/run-checks.ts';
import { schemaResult, type ArticleData } from '../content-checks/schema-issues.ts';
import type { CompileContext, CompileSite, StoryProblem } from './compiled-story.ts';

export interface StoryCheckResult {
  article: Article;
  problems: StoryProblem[];
  /** The checked frontmatter; undefined when it has problems. */
  data: ArticleData | undefined;
}

/** The body's constructs are checked on the compiler's own parse (story-body.ts), not twice. */
const CHECKS_ON_ONE_FILE = ARTICLE_CHECKS.filter((check) => check !== checkMdxConstructs);
const CHECKS_WITHOUT_SITE = CHECKS_ON_ONE_FILE.filter((check) => check !== checkInternalLinks && check !== checkImageSources);

/** `path` is relative to the content folder, e.g. "articles/x.mdx". */
export function checkStoryFile(path: string, source: string, context: CompileContext): StoryCheckResult {
  const article = articleFor(path, source, context);
  const index = indexFor(article, context);
  const problems: StoryProblem[] = [];
  const checks = context.site ? CHECKS_ON_ONE_FILE : CHECKS_WITHOUT_SITE;
  for (const check of checks) {
    for (const problem of check(article, index)) if (problem.severity === 'error') problems.push({ line: problem.line, message: problem.message });
  }
  // Without the site's public files, image sources are still checked for their shape.
  if (!context.site) {
    for (const problem of checkImageSources(article, { publicFiles: undefined })) problems.push({ line: problem.line, message: problem.message });
  }
  return { article, problems, data: schemaResult(article, index).data };
}

const bySite = new WeakMap<CompileSite['articles'], Map<string, Article>>();

/** The site's own Article for this file when it holds the same text (links judge it by identity). */
function articleFor(path: string, source: string, context: CompileContext): Article {
  const pathInArticles = path.replace(/^articles\//, '');
  const articles = context.site?.articles;
  if (articles) {
    let byPath = bySite.get(articles);
    if (!byPath) bySite.set(articles, (byPath = new Map(articles.map((a) => [a.pathInArticles, a]))));
    const known = byPath.get(pathInArticles);
    if (known && known.text === source) return known;
  }
  return toArticle({ file: path, pathInArticles, text: source });
}

/** An index of one story: the context's ids, and the site's pages and files when given. */
function indexFor(article: Article, context: CompileContext): ContentIndex {
  const site = context.site;
  return {
    articles: site?.articles ?? [article],
    ignoredStoryFiles: [],
    // The checks only read these lists; ContentIndex types them mutable for its builder.
    sectionIds: context.sections as string[],
    authorIds: context.authors as string[],
    routes: site?.routes ?? [],
    publicFiles: site?.publicFiles ?? [],
    siteUrl: site?.siteUrl ?? '',
    now: site?.now ?? new Date(0),
  };
}
