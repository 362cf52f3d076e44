// Imports, exports, JavaScript expressions and unknown components in a story's body: the
// server refuses to take such a story in (src/lib/content/story-body.ts), so check:content
// names them first.
import { mdxConstructProblems, type ConstructProblem } from '../content/mdx-constructs.ts';
import type { Article } from './content-index.ts';
import { lineAt } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';

export function checkMdxConstructs(article: Article): Problem[] {
  return constructProblemsInFile(article.text, article.frontmatter.bodyOffset).map((p) => error(article.file, p.line, p.message));
}

/** The body's problems, with the lines of the whole file (the body starts at `bodyOffset`). */
export function constructProblemsInFile(text: string, bodyOffset: number): ConstructProblem[] {
  return mdxConstructProblems(text.slice(bodyOffset), lineAt(text, bodyOffset) - 1);
}
