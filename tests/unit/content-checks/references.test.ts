import { describe, expect, it } from 'vitest';
import { checkReferences } from '../../../src/lib/content-checks/check-references.ts';
import { closestMatch } from '../../../src/lib/content-checks/closest-match.ts';
import { problemsOf } from './fixture-index.ts';

describe('checkReferences', () => {
  it('names an unknown section and author at their lines, lists the known ids and suggests the closest', () => {
    expect(problemsOf('unknown-references', checkReferences).filter((p) => p.file === 'articles/wrong-ids.mdx')).toEqual([
      { file: 'articles/wrong-ids.mdx', line: 5, message: 'unknown section "busines": it must be a file name from content/sections, one of: business, markets. Did you mean "business"?' },
      { file: 'articles/wrong-ids.mdx', line: 8, message: 'unknown author "tom-hail": it must be a file name from content/authors, one of: ana-ruiz, tom-hale. Did you mean "tom-hale"?' },
    ]);
  });

  it('asks for a section and an author when they are missing', () => {
    expect(problemsOf('unknown-references', checkReferences).filter((p) => p.file === 'articles/no-section.mdx')).toEqual([
      { file: 'articles/no-section.mdx', line: 1, message: 'section is missing or not a single id: write e.g. `section: business` (one of: business, markets)' },
      { file: 'articles/no-section.mdx', line: 5, message: 'authors must list at least one author id, e.g. `authors: [ana-ruiz]` (known: ana-ruiz, tom-hale)' },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkReferences)).toEqual([]);
  });
});

describe('closestMatch', () => {
  it.each([
    ['busines', ['business', 'markets'], 'business'],
    ['tech', ['technology', 'media'], undefined],
    ['tom-hail', ['ana-ruiz', 'tom-hale'], 'tom-hale'],
    ['sport', ['business', 'markets'], undefined],
    ['', ['business'], undefined],
  ])('%s among %j is %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });
});
