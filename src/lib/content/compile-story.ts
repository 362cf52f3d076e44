// The story compiler: one .mdx file (frontmatter and body) in, either the stored form of the
// story (fields, public HTML with a marker where each locked part stood, the locked parts'
// HTML apart, the free text and its word count) or every problem with its file line.
// Pure: no I/O, no clock, no database; the parser and schema are built once and reused.
import { lineAt } from '../content-checks/frontmatter.ts';
import type { ArticleData } from '../content-checks/schema-issues.ts';
import type { CompileContext, CompileResult, StoryFields, StoryProblem } from './compiled-story.ts';
import { countWords } from './reading-time.ts';
import { compileBody } from './story-body.ts';
import { checkStoryFile } from './story-checks.ts';

/**
 * @param path the file relative to the content folder, e.g. "articles/x.mdx"
 * @param source the whole file
 * @param context the section and author ids that exist (and, for check:content, the site;
 *   for ingest's second compile, the measured sizes of the body's local images)
 */
export function compileStory(path: string, source: string, context: CompileContext): CompileResult {
  const checked = checkStoryFile(path, source, context);
  const bodyOffset = checked.article.frontmatter.bodyOffset;
  const body = compileBody(source.slice(bodyOffset), lineAt(source, bodyOffset) - 1, context.imageSizes);
  const problems = distinct([...checked.problems, ...(body.ok ? [] : body.problems)]);
  if (problems.length > 0) return { ok: false, problems };
  if (!body.ok || !checked.data) return { ok: false, problems: [{ line: 1, message: 'the story could not be compiled' }] };
  return {
    ok: true,
    story: { fields: storyFields(checked.data), ...body.body, publicWords: countWords(body.body.publicText) },
  };
}

function storyFields(data: ArticleData): StoryFields {
  return {
    title: data.title,
    dek: data.dek,
    summary: data.summary,
    section: data.section,
    authors: data.authors,
    tags: data.tags,
    publishedAt: data.publishedAt,
    updatedAt: data.updatedAt,
    draft: data.draft,
    image: data.image ? { src: data.image.src, alt: data.image.alt, credit: data.image.credit } : undefined,
  };
}

/** In line order, each problem once (two checks may find the same thing). */
function distinct(problems: StoryProblem[]): StoryProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}\n${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}
