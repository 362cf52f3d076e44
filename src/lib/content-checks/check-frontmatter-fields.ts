// Every other frontmatter problem the build would stop on (unreadable YAML, a missing
// headline, a bad date or tag), at its line, worded as the schema words it.
import { ownsLimitIssue } from './check-field-limits.ts';
import { ownsImageAltIssue } from './check-image-alt.ts';
import { ownsReferenceIssue } from './check-references.ts';
import type { Article, ContentIndex } from './content-index.ts';
import { error, type Problem } from './problem.ts';
import { fieldName, schemaIssues } from './schema-issues.ts';

export function checkFrontmatterFields(article: Article, index: ContentIndex): Problem[] {
  const { syntaxError } = article.frontmatter;
  if (syntaxError) return [error(article.file, syntaxError.line, syntaxError.message)];
  return schemaIssues(article, index)
    .filter((issue) => !ownsReferenceIssue(issue) && !ownsLimitIssue(issue) && !ownsImageAltIssue(issue))
    .map((issue) => {
      const field = fieldName(issue.path);
      // The schema's messages often name the field already ("publishedAt must be a date").
      const named = !field || issue.message.startsWith(field);
      return error(article.file, issue.line, named ? issue.message : `${field}: ${issue.message}`);
    });
}
