import { describe, expect, it } from 'vitest';
import { checkImageAlt } from '../../../src/lib/content-checks/check-image-alt.ts';
import { attributeValue } from '../../../src/lib/content-checks/tag-attributes.ts';
import { problemsOf } from './fixture-index.ts';

const FIGURE = '<Figure> without alt text: add alt="what the picture shows" (the caption does not replace it)';
const LEAD = 'the lead image has no alt text: add `alt: "what the picture shows"` under `image:`';

describe('checkImageAlt', () => {
  it('reports the lead image, Markdown images, <img> and <Figure> without alt text, each at its line', () => {
    expect(problemsOf('image-alt', checkImageAlt)).toEqual([
      { file: 'articles/images.mdx', line: 10, message: LEAD },
      { file: 'articles/images.mdx', line: 13, message: 'image without alt text: write what it shows between the brackets, ![A cargo ship at the quay](…)' },
      { file: 'articles/images.mdx', line: 17, message: '<img> without alt text: add alt="what the picture shows"' },
      { file: 'articles/images.mdx', line: 21, message: FIGURE },
      { file: 'articles/images.mdx', line: 23, message: FIGURE },
      { file: 'articles/lead-image-no-alt.mdx', line: 8, message: LEAD },
    ]);
  });

  it('finds nothing in a clean content root (an <img> inside a code block is only an example)', () => {
    expect(problemsOf('clean', checkImageAlt)).toEqual([]);
  });
});

describe('attributeValue', () => {
  it.each([
    [' src="a.jpg" alt="A quay"', { kind: 'text', value: 'A quay' }],
    [" alt='A quay'", { kind: 'text', value: 'A quay' }],
    [' alt={"A quay"}', { kind: 'text', value: 'A quay' }],
    [' alt={caption}', { kind: 'expression', source: 'caption' }],
    [' alt', { kind: 'text', value: '' }],
    [' data-alt="x"', { kind: 'missing' }],
    [' src="a.jpg"', { kind: 'missing' }],
  ])('reads %s', (attributes, expected) => {
    expect(attributeValue(attributes, 'alt')).toEqual(expected);
  });
});
