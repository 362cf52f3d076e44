// Runs the very schema the build uses (articleSchema, with the same knownId references) over
// one article's frontmatter, and ties each issue to its line. The checks pick the issues they
// own from here, so the checker and the compiler never disagree. The schema is built once per
// list of ids, and each article is checked once however many checks ask.
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

export const IMAGE_SRC_MESSAGE = 'give the image file, e.g. src: /images/lead.jpg';

function storySchema(sectionIds: readonly string[], authorIds: readonly string[]) {
  return articleSchema({
    section: knownId(sectionIds, 'section'),
    author: knownId(authorIds, 'author'),
    // A plain path or URL; check-image-sources.ts says whether it loads.
    image: z.string({ error: IMAGE_SRC_MESSAGE }).min(1, IMAGE_SRC_MESSAGE),
  });
}

type StorySchema = ReturnType<typeof storySchema>;

/** The checked frontmatter: what the compiler stores. */
export type ArticleData = z.output<StorySchema>;

export type SchemaResult = { issues: SchemaIssue[]; data?: ArticleData | undefined };

type Ids = Pick<ContentIndex, 'sectionIds' | 'authorIds'>;

const schemas = new WeakMap<readonly string[], WeakMap<readonly string[], StorySchema>>();
const results = new WeakMap<Article, { ids: Ids; result: SchemaResult }>();

function schemaFor({ sectionIds, authorIds }: Ids): StorySchema {
  let bySection = schemas.get(sectionIds);
  if (!bySection) schemas.set(sectionIds, (bySection = new WeakMap()));
  let schema = bySection.get(authorIds);
  if (!schema) bySection.set(authorIds, (schema = storySchema(sectionIds, authorIds)));
  return schema;
}

/** The issues and, when there are none, the parsed fields. */
export function schemaResult(article: Article, index: Ids): SchemaResult {
  const cached = results.get(article);
  if (cached && cached.ids.sectionIds === index.sectionIds && cached.ids.authorIds === index.authorIds) return cached.result;
  const result = freshResult(article, index);
  results.set(article, { ids: { sectionIds: index.sectionIds, authorIds: index.authorIds }, result });
  return result;
}

function freshResult(article: Article, index: Ids): SchemaResult {
  if (article.frontmatter.syntaxError) return { issues: [] };
  const parsed = schemaFor(index).safeParse(article.frontmatter.data);
  if (parsed.success) return { issues: [], data: parsed.data };
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { path, code: issue.code, message: issue.message, line: article.frontmatter.lineOf(path) };
  });
  return { issues };
}

export function schemaIssues(article: Article, index: Ids): SchemaIssue[] {
  return schemaResult(article, index).issues;
}

/** "authors.1" for ['authors', 1]. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.join('.');
}
