import { describe, expect, it } from 'vitest';
import { checkFieldLimits } from '../../../src/lib/content-checks/check-field-limits.ts';
import { problemsOf } from './fixture-index.ts';

describe('checkFieldLimits', () => {
  it('says by how many characters the headline, dek and summary are too long, and how many tags to drop', () => {
    expect(problemsOf('field-limits', checkFieldLimits)).toEqual([
      { file: 'articles/too-long.mdx', line: 2, message: "the headline is 150 characters, 10 over the page's limit of 140: cut at least 10 characters" },
      { file: 'articles/too-long.mdx', line: 3, message: "the dek is 245 characters, 25 over the page's limit of 220: cut at least 25 characters" },
      { file: 'articles/too-long.mdx', line: 4, message: "the summary is 481 characters, 1 over the page's limit of 480: cut at least 1 character" },
      { file: 'articles/too-long.mdx', line: 8, message: '10 tags, 2 more than the 8 the page shows: remove 2' },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkFieldLimits)).toEqual([]);
  });
});
