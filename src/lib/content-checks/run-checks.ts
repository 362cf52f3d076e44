// Runs every content check over an index and returns the problems in file, then line order.
import { checkDuplicateSlugs } from './check-duplicate-slugs.ts';
import { checkFieldLimits } from './check-field-limits.ts';
import { checkFrontmatterFields } from './check-frontmatter-fields.ts';
import { checkIgnoredFiles } from './check-ignored-files.ts';
import { checkImageAlt } from './check-image-alt.ts';
import { checkImageSources } from './check-image-sources.ts';
import { checkInternalLinks } from './check-internal-links.ts';
import { checkLockedParts } from './check-locked-parts.ts';
import { checkMdxConstructs } from './check-mdx-constructs.ts';
import { checkPlaceholders } from './check-placeholders.ts';
import { checkReferences } from './check-references.ts';
import { checkSlugShape } from './check-slug-shape.ts';
import type { Article, ContentIndex } from './content-index.ts';
import type { Problem } from './problem.ts';

/** The checks that look at one article at a time. */
export const ARTICLE_CHECKS: readonly ((article: Article, index: ContentIndex) => Problem[])[] = [
  checkFrontmatterFields,
  checkReferences,
  checkFieldLimits,
  checkSlugShape,
  checkLockedParts,
  checkMdxConstructs,
  checkImageAlt,
  checkImageSources,
  checkInternalLinks,
  checkPlaceholders,
];

export function runChecks(index: ContentIndex): Problem[] {
  const problems = [
    ...checkIgnoredFiles(index.ignoredStoryFiles),
    ...checkDuplicateSlugs(index.articles),
    ...index.articles.flatMap((article) => ARTICLE_CHECKS.flatMap((check) => check(article, index))),
  ];
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
