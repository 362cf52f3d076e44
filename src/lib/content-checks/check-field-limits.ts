// A headline, dek or summary too long for the page, or too many tags: says by how much.
import { LIMITS } from '../content/schemas.ts';
import { valueAt } from './check-references.ts';
import type { Article, ContentIndex } from './content-index.ts';
import { error, type Problem } from './problem.ts';
import { schemaIssues, type SchemaIssue } from './schema-issues.ts';

const LIMITED = ['title', 'dek', 'summary', 'tags'] as const;
type LimitedField = (typeof LIMITED)[number];

const WHAT: Record<LimitedField, string> = { title: 'headline', dek: 'dek', summary: 'summary', tags: 'tag list' };

function limitedField(issue: SchemaIssue): LimitedField | undefined {
  const field = LIMITED.find((name) => name === issue.path[0]);
  return field && issue.path.length === 1 && issue.code === 'too_big' ? field : undefined;
}

export function ownsLimitIssue(issue: SchemaIssue): boolean {
  return limitedField(issue) !== undefined;
}

export function checkFieldLimits(article: Article, index: ContentIndex): Problem[] {
  return schemaIssues(article, index).flatMap((issue) => {
    const field = limitedField(issue);
    if (!field) return [];
    const value = valueAt(article.frontmatter.data, issue.path);
    const limit = LIMITS[field];
    if (field === 'tags') {
      const count = Array.isArray(value) ? value.length : 0;
      return [error(article.file, issue.line, `${count} tags, ${count - limit} more than the ${limit} the page shows: remove ${count - limit}`)];
    }
    // Measured as the schema measures: trimmed, in UTF-16 units.
    const length = typeof value === 'string' ? value.trim().length : 0;
    const over = length - limit;
    return [error(article.file, issue.line, `the ${WHAT[field]} is ${length} characters, ${over} over the page's limit of ${limit}: cut at least ${over} ${over === 1 ? 'character' : 'characters'}`)];
  });
}
