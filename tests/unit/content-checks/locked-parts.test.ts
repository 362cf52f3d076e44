import { describe, expect, it } from 'vitest';
import { checkLockedParts } from '../../../src/lib/content-checks/check-locked-parts.ts';
import { problemsOf } from './fixture-index.ts';

describe('checkLockedParts', () => {
  const problems = problemsOf('locked-parts', checkLockedParts);

  it('reports a missing part at the end of the story, ignoring one shown inside a code block', () => {
    expect(problems.filter((p) => p.file === 'articles/no-insights.mdx')).toEqual([
      { file: 'articles/no-insights.mdx', line: 24, message: 'the story has no <KeyInsights> part: every story needs one; add <KeyInsights>, a bullet list of three to five points an executive can act on, then </KeyInsights>' },
    ]);
  });

  it('reports empty parts, open-and-closed or self-closing, at their lines', () => {
    expect(problems.filter((p) => p.file === 'articles/empty-parts.mdx')).toEqual([
      { file: 'articles/empty-parts.mdx', line: 14, message: '<KeyInsights> is empty: write a bullet list of three to five points an executive can act on inside it' },
      { file: 'articles/empty-parts.mdx', line: 18, message: '<ExecutiveActions /> is empty: write a numbered list of three or four concrete actions between <ExecutiveActions> and </ExecutiveActions>' },
    ]);
  });

  it('reports a part that is never closed', () => {
    expect(problems.filter((p) => p.file === 'articles/unclosed.mdx')).toEqual([
      { file: 'articles/unclosed.mdx', line: 20, message: '<ExecutiveActions> is never closed: end it with </ExecutiveActions>' },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkLockedParts)).toEqual([]);
  });
});
