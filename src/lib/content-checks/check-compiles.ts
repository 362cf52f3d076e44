// What the story compiler (src/lib/content/compile-story.ts) refuses beyond the checks in
// run-checks.ts (e.g. a locked part nested in a component, or given twice), for every
// article of an index, so check:content refuses exactly the files the compiler refuses.
import { compileStory } from '../content/compile-story.ts';
import type { ContentIndex } from './content-index.ts';
import { error, type Problem } from './problem.ts';

/** Compiler problems not already among `known` (same file, line and message). */
export function compileProblems(index: ContentIndex, known: readonly Problem[]): Problem[] {
  const seen = new Set(known.map((p) => `${p.file}\n${p.line}\n${p.message}`));
  const site = { articles: index.articles, routes: index.routes, publicFiles: index.publicFiles, siteUrl: index.siteUrl, now: index.now };
  const context = { sections: index.sectionIds, authors: index.authorIds, site };
  return index.articles.flatMap((article) => {
    const result = compileStory(`articles/${article.pathInArticles}`, article.text, context);
    if (result.ok) return [];
    return result.problems
      .map((p) => error(article.file, p.line, p.message))
      .filter((p) => !seen.has(`${p.file}\n${p.line}\n${p.message}`));
  });
}
