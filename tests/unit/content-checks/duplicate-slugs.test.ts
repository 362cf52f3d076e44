import { describe, expect, it } from 'vitest';
import { articleId } from '../../../src/lib/content-checks/article-id.ts';
import { checkIgnoredFiles } from '../../../src/lib/content-checks/check-ignored-files.ts';
import { checkDuplicateSlugs } from '../../../src/lib/content-checks/check-duplicate-slugs.ts';
import { checkSlugShape } from '../../../src/lib/content-checks/check-slug-shape.ts';
import { fixtureIndex, problemsOf } from './fixture-index.ts';

describe('articleId (as Astro’s glob loader makes it)', () => {
  it.each([
    ['rate-cut.mdx', undefined, 'rate-cut'],
    ['Rate Cut.mdx', undefined, 'rate-cut'],
    ['markets/Bond Sale.mdx', undefined, 'markets/bond-sale'],
    ['markets/index.mdx', undefined, 'markets'],
    ['q2-results!.mdx', undefined, 'q2-results'],
    ['ålesund_port.mdx', undefined, 'ålesund_port'],
    ['anything.mdx', 'Chosen-Slug', 'Chosen-Slug'],
  ])('%s with slug %s is %s', (file, slug, expected) => {
    expect(articleId(file, slug)).toBe(expected);
  });
});

describe('checkDuplicateSlugs', () => {
  it('reports both files when two give the same id, letter case aside', () => {
    const problems = checkDuplicateSlugs(fixtureIndex('duplicate-slugs').articles).map(({ file, line, message }) => ({ file, line, message }));
    expect(problems).toEqual([
      { file: 'articles/rate-cut.mdx', line: 1, message: 'duplicate slug "rate-cut": articles/second-take.mdx ("Rate-Cut") gives the same id (letter case does not count); rename one of the files' },
      { file: 'articles/second-take.mdx', line: 3, message: 'duplicate slug "Rate-Cut": articles/rate-cut.mdx ("rate-cut") gives the same id (letter case does not count); rename one of the files' },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(checkDuplicateSlugs(fixtureIndex('clean').articles)).toEqual([]);
  });
});

describe('checkSlugShape', () => {
  it('refuses a story in a subfolder, whose id no URL can serve', () => {
    expect(problemsOf('duplicate-slugs', checkSlugShape).filter((p) => p.file.includes('markets/'))).toEqual([
      { file: 'articles/markets/in-a-folder.mdx', line: 1, message: 'the story\'s id is "markets/in-a-folder" because it sits in a subfolder; ids with "/" cannot be served at /<section>/<slug>/: move the file directly into the articles folder' },
    ]);
  });

  it('warns about a slug that is not lowercase words and hyphens', () => {
    const index = fixtureIndex('duplicate-slugs');
    const article = index.articles.find((a) => a.file === 'articles/second-take.mdx');
    expect(article && checkSlugShape(article)).toEqual([expect.objectContaining({ line: 3, severity: 'warning', message: expect.stringContaining('rename it, e.g. "rate-cut"') })]);
  });
});

describe('checkIgnoredFiles', () => {
  it('warns about a story saved as .md, which the site never reads', () => {
    expect(fixtureIndex('duplicate-slugs').ignoredStoryFiles).toEqual(['articles/saved-as-markdown.md']);
    expect(checkIgnoredFiles(['articles/saved-as-markdown.md'])).toEqual([
      { file: 'articles/saved-as-markdown.md', line: 1, severity: 'warning', message: 'this file is not read: stories must end in .mdx; rename it to publish it as a story' },
    ]);
  });
});
