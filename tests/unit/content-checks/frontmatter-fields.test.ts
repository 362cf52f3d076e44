import { describe, expect, it } from 'vitest';
import { checkFrontmatterFields } from '../../../src/lib/content-checks/check-frontmatter-fields.ts';
import { parseFrontmatter } from '../../../src/lib/content-checks/frontmatter.ts';
import { problemsOf } from './fixture-index.ts';

describe('parseFrontmatter', () => {
  const text = '\n---\ntitle: "A"\nimage:\n  src: ./a.jpg\nauthors:\n  - one\n  - two\npublishedAt: 2026-07-02T06:45:00Z\n---\nBody';
  const frontmatter = parseFrontmatter(text);

  it('gives the file line of each field, list item and nested field, and of the nearest parent when one is missing', () => {
    expect(frontmatter.lineOf(['title'])).toBe(3);
    expect(frontmatter.lineOf(['image', 'src'])).toBe(5);
    expect(frontmatter.lineOf(['image', 'alt'])).toBe(4);
    expect(frontmatter.lineOf(['authors', 1])).toBe(8);
    expect(frontmatter.lineOf(['dek'])).toBe(2);
  });

  it('reads timestamps as dates, as Astro does', () => {
    expect(frontmatter.data['publishedAt']).toEqual(new Date('2026-07-02T06:45:00Z'));
    expect(text.slice(frontmatter.bodyOffset)).toBe('\nBody');
  });

  it('says when there is no frontmatter', () => {
    expect(parseFrontmatter('Just text').syntaxError?.message).toMatch(/no frontmatter/);
  });
});

describe('checkFrontmatterFields', () => {
  it('reports what else the build would stop on, at its line, in the schema’s words', () => {
    expect(problemsOf('frontmatter', checkFrontmatterFields)).toEqual([
      { file: 'articles/bad-fields.mdx', line: 2, message: 'title: a headline is required' },
      { file: 'articles/bad-fields.mdx', line: 7, message: 'tags.0: tags are lowercase words joined by hyphens, e.g. "electric-vehicles"' },
      { file: 'articles/bad-fields.mdx', line: 8, message: 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z' },
      { file: 'articles/bad-yaml.mdx', line: 2, message: 'the frontmatter is not valid YAML: Missing closing "quote' },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkFrontmatterFields)).toEqual([]);
  });
});
