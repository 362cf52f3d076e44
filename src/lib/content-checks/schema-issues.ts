// Runs the very schema the build uses (articleSchema, with the same knownId references) over
// one article's frontmatter, and ties each issue to its line. The checks pick the issues they
// own from here, so the checker and the build never disagree.
import { z } from 'astro/zod';
import { articleSchema, knownId } from '../content/schemas.ts';
import type { Article, ContentIndex } from './content-index.ts';

export interface SchemaIssue {
  /** Field path, e.g. ['authors', 1] or ['image', 'alt']. */
  path: (string | number)[];
  /** zod's issue code: 'too_big', 'custom', 'invalid_type', … */
  code: string;
  message: string;
  line: number;
}

export function schemaIssues(article: Article, index: Pick<ContentIndex, 'sectionIds' | 'authorIds'>): SchemaIssue[] {
  if (article.frontmatter.syntaxError) return [];
  const schema = articleSchema({
    section: knownId(index.sectionIds, 'section'),
    author: knownId(index.authorIds, 'author'),
    // The build checks the image file itself; here only that a path is given.
    image: z.string({ error: 'give the image file, e.g. src: ./lead.jpg' }).min(1, 'give the image file, e.g. src: ./lead.jpg'),
  });
  const result = schema.safeParse(article.frontmatter.data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { path, code: issue.code, message: issue.message, line: article.frontmatter.lineOf(path) };
  });
}

/** "authors.1" for ['authors', 1]. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.join('.');
}
