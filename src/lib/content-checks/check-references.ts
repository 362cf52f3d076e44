// Unknown section or author: names the id, lists the ones that exist, suggests the closest.
import { didYouMean } from './closest-match.ts';
import type { Article, ContentIndex } from './content-index.ts';
import { error, type Problem } from './problem.ts';
import { schemaIssues, type SchemaIssue } from './schema-issues.ts';

export function ownsReferenceIssue(issue: SchemaIssue): boolean {
  return issue.path[0] === 'section' || issue.path[0] === 'authors';
}

export function checkReferences(article: Article, index: ContentIndex): Problem[] {
  return schemaIssues(article, index)
    .filter(ownsReferenceIssue)
    .map((issue) => error(article.file, issue.line, referenceMessage(issue, article, index)));
}

function referenceMessage(issue: SchemaIssue, article: Article, index: ContentIndex): string {
  const isSection = issue.path[0] === 'section';
  const known = isSection ? index.sectionIds : index.authorIds;
  const folder = isSection ? 'content/sections' : 'content/authors';
  const list = known.length > 0 ? known.join(', ') : `(none yet: add a file to ${folder})`;
  const value = valueAt(article.frontmatter.data, issue.path);
  if (typeof value === 'string') {
    const what = isSection ? 'section' : 'author';
    return `unknown ${what} "${value}": it must be a file name from ${folder}, one of: ${list}.${didYouMean(value, known)}`;
  }
  if (isSection) return `section is missing or not a single id: write e.g. \`section: ${known[0] ?? 'business'}\` (one of: ${list})`;
  return `authors must list at least one author id, e.g. \`authors: [${known[0] ?? 'jane-doe'}]\` (known: ${list})`;
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
