import { describe, expect, it } from 'vitest';
import { byRecency, isPublished, publicationStatus, storyPath } from '../../src/lib/content/story.ts';
import { makeStory, slugs } from '../support/story-factory.ts';

const now = new Date('2026-08-01T12:00:00Z');

describe('isPublished', () => {
  it.each([
    { name: 'a story whose time has passed is public', draft: false, publishedAt: '2026-07-31T12:00:00Z', expected: true },
    { name: 'a story published this very millisecond is public', draft: false, publishedAt: '2026-08-01T12:00:00Z', expected: true },
    { name: 'a story scheduled one second ahead is not public', draft: false, publishedAt: '2026-08-01T12:00:01Z', expected: false },
    { name: 'a draft is never public, however old', draft: true, publishedAt: '2020-01-01T00:00:00Z', expected: false },
    { name: 'a scheduled draft is not public', draft: true, publishedAt: '2027-01-01T00:00:00Z', expected: false },
  ])('$name', ({ draft, publishedAt, expected }) => {
    expect(isPublished({ draft, publishedAt: new Date(publishedAt) }, now)).toBe(expected);
  });

  it.each([
    { status: 'published', expected: true },
    { status: 'scheduled', expected: true },
    { status: 'draft', expected: false },
    { status: 'unpublished', expected: false },
  ] as const)('a $status story dated in the past is public: $expected', ({ status, expected }) => {
    expect(isPublished({ status, draft: status === 'draft', publishedAt: new Date('2026-07-01T00:00:00Z') }, now)).toBe(expected);
  });
});

describe('byRecency', () => {
  it('puts the newest story first', () => {
    const stories = [
      makeStory({ slug: 'old', publishedAt: new Date('2026-06-01T00:00:00Z') }),
      makeStory({ slug: 'new', publishedAt: new Date('2026-07-01T00:00:00Z') }),
      makeStory({ slug: 'middle', publishedAt: new Date('2026-06-15T00:00:00Z') }),
    ];
    expect(slugs(stories.sort(byRecency))).toEqual(['new', 'middle', 'old']);
  });

  it('breaks ties by id, the later row first, as the SQL of the listings does', () => {
    const at = new Date('2026-07-01T00:00:00Z');
    const stories = [makeStory({ id: 1, slug: 'a', publishedAt: at }), makeStory({ id: 3, slug: 'b', publishedAt: at }), makeStory({ id: 2, slug: 'c', publishedAt: at })];
    expect(slugs(stories.sort(byRecency))).toEqual(['b', 'c', 'a']);
  });

  it('breaks ties by slug when ids tie too', () => {
    const at = new Date('2026-07-01T00:00:00Z');
    const stories = [makeStory({ id: 1, slug: 'c', publishedAt: at }), makeStory({ id: 1, slug: 'a', publishedAt: at }), makeStory({ id: 1, slug: 'b', publishedAt: at })];
    expect(slugs(stories.sort(byRecency))).toEqual(['a', 'b', 'c']);
  });
});

describe('storyPath', () => {
  it('is /<section>/<slug>/ with a trailing slash', () => {
    expect(storyPath({ section: 'autos', slug: 'arkwell-starts-production' })).toBe('/autos/arkwell-starts-production/');
  });
});

describe('publicationStatus', () => {
  it.each([
    { draft: false, publishedAt: '2026-07-31T12:00:00Z', expected: 'published' },
    { draft: false, publishedAt: '2026-08-01T12:00:00Z', expected: 'published' },
    { draft: false, publishedAt: '2026-08-01T12:00:01Z', expected: 'scheduled' },
    { draft: true, publishedAt: '2020-01-01T00:00:00Z', expected: 'draft' },
    { draft: true, publishedAt: '2027-01-01T00:00:00Z', expected: 'draft' },
  ])('draft $draft, dated $publishedAt: $expected', ({ draft, publishedAt, expected }) => {
    expect(publicationStatus({ draft, publishedAt: new Date(publishedAt) }, now)).toBe(expected);
  });

  it.each([
    { status: 'unpublished', publishedAt: '2026-07-31T12:00:00Z', expected: 'unpublished' },
    { status: 'unpublished', publishedAt: '2027-01-01T00:00:00Z', expected: 'unpublished' },
    { status: 'draft', publishedAt: '2026-07-31T12:00:00Z', expected: 'draft' },
    { status: 'scheduled', publishedAt: '2026-07-31T12:00:00Z', expected: 'published' },
    { status: 'published', publishedAt: '2026-08-01T12:00:01Z', expected: 'scheduled' },
  ] as const)('status $status, dated $publishedAt: $expected', ({ status, publishedAt, expected }) => {
    expect(publicationStatus({ status, draft: status === 'draft', publishedAt: new Date(publishedAt) }, now)).toBe(expected);
  });
});
