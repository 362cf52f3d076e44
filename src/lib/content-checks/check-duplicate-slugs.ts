// Two files that give the same story id (slug), or ids that differ only by case: the build
// would keep one and silently drop the other, and the URL would be ambiguous.
import type { Article } from './content-index.ts';
import { error, type Problem } from './problem.ts';

export function checkDuplicateSlugs(articles: readonly Article[]): Problem[] {
  const byKey = new Map<string, Article[]>();
  for (const article of articles) {
    const key = article.id.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), article]);
  }
  const problems: Problem[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const article of group) {
      const others = group.filter((other) => other !== article).map((other) => `${other.file} ("${other.id}")`);
      const line = article.frontmatter.data['slug'] ? article.frontmatter.lineOf(['slug']) : 1;
      problems.push(error(article.file, line, `duplicate slug "${article.id}": ${others.join(', ')} gives the same ${others.length > 1 ? 'ids' : 'id'} (letter case does not count); rename one of the files`));
    }
  }
  return problems;
}
