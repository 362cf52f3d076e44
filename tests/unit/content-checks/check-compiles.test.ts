// check:content reports what the story compiler refuses beyond run-checks.ts (a locked part
// nested or given twice), once, so the two refuse exactly the same files.
import { describe, expect, it } from 'vitest';
import { compileProblems } from '../../../src/lib/content-checks/check-compiles.ts';
import { toArticle } from '../../../src/lib/content-checks/content-index.ts';
import { runChecks } from '../../../src/lib/content-checks/run-checks.ts';
import { fixtureIndex } from './fixture-index.ts';

const FRONTMATTER = '---\ntitle: "A"\ndek: "B"\nsummary: "C"\nsection: markets\nauthors: [ana-ruiz]\npublishedAt: 2026-03-02T07:00:00Z\n---\n';
const LOCKED = '<KeyInsights>\n\n- One.\n\n</KeyInsights>\n\n<ExecutiveActions>\n\n1. Act.\n\n</ExecutiveActions>\n';

describe('compileProblems', () => {
  it('finds nothing more in the clean fixture, whose stories all compile', () => {
    const index = fixtureIndex('clean');
    expect(compileProblems(index, runChecks(index))).toEqual([]);
  });

  it('adds the compiler’s refusals, and not the problems run-checks already reported', () => {
    const index = fixtureIndex('clean');
    const nested = toArticle({ file: 'articles/nested.mdx', pathInArticles: 'nested.mdx', text: `${FRONTMATTER}\n<PullQuote>\n\n${LOCKED}\n</PullQuote>\n\nText {1 + 1}.\n` });
    index.articles.push(nested);
    const known = runChecks(index);
    expect(known.filter((p) => p.file === 'articles/nested.mdx').map((p) => p.line)).toEqual([26]);
    expect(compileProblems(index, known)).toEqual([
      { file: 'articles/nested.mdx', line: 12, message: '<KeyInsights> cannot sit inside <PullQuote>: put it on its own lines at the top level of the story', severity: 'error' },
      { file: 'articles/nested.mdx', line: 18, message: '<ExecutiveActions> cannot sit inside <PullQuote>: put it on its own lines at the top level of the story', severity: 'error' },
    ]);
  });
});
