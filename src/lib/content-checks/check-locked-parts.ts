// Every story carries both locked parts, <KeyInsights> and <ExecutiveActions>, each with
// something inside: they are what the paywall sells. Detected as the site detects them
// (hasComponent in src/lib/content/locked-components.ts), ignoring code and comments.
import { hasComponent, LOCKED_COMPONENTS } from '../content/locked-components.ts';
import type { Article } from './content-index.ts';
import { lineAt, lineCount } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';

type LockedComponent = (typeof LOCKED_COMPONENTS)[number];

const WHAT_GOES_INSIDE: Record<LockedComponent, string> = {
  KeyInsights: 'a bullet list of three to five points an executive can act on',
  ExecutiveActions: 'a numbered list of three or four concrete actions',
};

export function checkLockedParts(article: Article): Problem[] {
  return LOCKED_COMPONENTS.flatMap((name) => lockedPartProblems(article, name));
}

function lockedPartProblems(article: Article, name: LockedComponent): Problem[] {
  const inside = WHAT_GOES_INSIDE[name];
  if (!hasComponent(article.prose, name)) {
    const lastLine = lineCount(article.text.trimEnd()) + 1;
    return [error(article.file, lastLine, `the story has no <${name}> part: every story needs one; add <${name}>, ${inside}, then </${name}>`)];
  }
  const open = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(article.prose);
  if (!open) return [error(article.file, lineAt(article.text, article.prose.search(new RegExp(`<${name}\\b`))), `<${name}> is not closed with \`>\``)];
  const line = lineAt(article.text, open.index);
  if (open[1] === '/') return [error(article.file, line, `<${name} /> is empty: write ${inside} between <${name}> and </${name}>`)];
  const rest = article.prose.slice(open.index + open[0].length);
  const close = new RegExp(`</${name}\\s*>`).exec(rest);
  if (!close) return [error(article.file, line, `<${name}> is never closed: end it with </${name}>`)];
  if (rest.slice(0, close.index).trim() === '') return [error(article.file, line, `<${name}> is empty: write ${inside} inside it`)];
  return [];
}
