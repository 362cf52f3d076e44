import { describe, expect, it } from 'vitest';
import { checkPlaceholders } from '../../../src/lib/content-checks/check-placeholders.ts';
import { problemsOf } from './fixture-index.ts';

const LEFT = 'placeholder text left from new:story ("FILL IN: …"): write the real text, or set draft: true until it is ready';

describe('checkPlaceholders', () => {
  it('reports each line with a placeholder in a story that is not a draft, and none in a draft', () => {
    expect(problemsOf('placeholders', checkPlaceholders)).toEqual([
      { file: 'articles/placeholders-left.mdx', line: 3, message: LEFT },
      { file: 'articles/placeholders-left.mdx', line: 12, message: LEFT },
    ]);
  });

  it('finds nothing in a clean content root, whose draft keeps its placeholders', () => {
    expect(problemsOf('clean', checkPlaceholders)).toEqual([]);
  });
});
