// Images without alt text: the lead image in the frontmatter, Markdown images, <img> and
// <Figure> in the body. Every reader should get the picture, screen-reader users included.
import type { Article } from './content-index.ts';
import { lineAt } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';
import { schemaIssues, type SchemaIssue } from './schema-issues.ts';
import { attributeValue, findTags } from './tag-attributes.ts';

export function ownsImageAltIssue(issue: SchemaIssue): boolean {
  return issue.path[0] === 'image' && issue.path[1] === 'alt';
}

const MARKDOWN_IMAGE = /!\[([^\]]*)\]\s*[([]/g;

export function checkImageAlt(article: Article, index: Parameters<typeof schemaIssues>[1]): Problem[] {
  const problems = schemaIssues(article, index)
    .filter(ownsImageAltIssue)
    .map((issue) => error(article.file, issue.line, 'the lead image has no alt text: add `alt: "what the picture shows"` under `image:`'));
  const at = (offset: number, message: string) => problems.push(error(article.file, lineAt(article.text, offset), message));

  for (const match of article.prose.matchAll(MARKDOWN_IMAGE)) {
    if ((match[1] ?? '').trim() === '') at(match.index, 'image without alt text: write what it shows between the brackets, ![A cargo ship at the quay](…)');
  }
  for (const tag of findTags(article.prose, 'img')) {
    if (isBlank(attributeValue(tag.attributes, 'alt'))) at(tag.offset, '<img> without alt text: add alt="what the picture shows"');
  }
  for (const tag of findTags(article.prose, 'Figure')) {
    if (isBlank(attributeValue(tag.attributes, 'alt'))) at(tag.offset, '<Figure> without alt text: add alt="what the picture shows" (the caption does not replace it)');
  }
  return problems.sort((a, b) => a.line - b.line);
}

function isBlank(alt: ReturnType<typeof attributeValue>): boolean {
  return alt.kind === 'missing' || (alt.kind === 'text' && alt.value.trim() === '');
}
