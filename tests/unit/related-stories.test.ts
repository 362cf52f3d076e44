// The pure "More in <Section>" rule (src/lib/content/related-stories.ts): it ranks exactly the
// candidates it is given. The database bounds those candidates (each shared tag's 100 most
// recently filed stories, the section's newest, the newest overall: relatedStoriesFor in
// src/server/content/story-lists.ts, tested in tests/integration/story-store-related.test.ts),
// so a story left out of them is not shown however many tags it shares.
import { describe, expect, it } from 'vitest';
import { relatedStories } from '../../src/lib/content/related-stories.ts';
import { makeStory, slugs } from '../support/story-factory.ts';

const now = new Date('2026-08-01T12:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 6, n, 8));

const story = makeStory({ slug: 'the-story', section: 'autos', tags: ['batteries', 'china', 'europe'], publishedAt: day(20) });

describe('relatedStories', () => {
  it.each([
    {
      name: 'puts stories from the same section before others, whatever their tags',
      candidates: [
        makeStory({ slug: 'other-section-all-tags', section: 'markets', tags: ['batteries', 'china', 'europe'], publishedAt: day(19) }),
        makeStory({ slug: 'same-section-no-tags', section: 'autos', tags: [], publishedAt: day(1) }),
      ],
      expected: ['same-section-no-tags', 'other-section-all-tags'],
    },
    {
      name: 'within a section, puts the story sharing most tags first, even if older',
      candidates: [
        makeStory({ slug: 'one-tag-new', section: 'autos', tags: ['china'], publishedAt: day(19) }),
        makeStory({ slug: 'three-tags-old', section: 'autos', tags: ['europe', 'batteries', 'china'], publishedAt: day(2) }),
        makeStory({ slug: 'two-tags', section: 'autos', tags: ['batteries', 'europe', 'steel'], publishedAt: day(10) }),
      ],
      expected: ['three-tags-old', 'two-tags', 'one-tag-new'],
    },
    {
      name: 'between equally related stories, puts the newest first',
      candidates: [
        makeStory({ slug: 'older', section: 'autos', tags: ['china'], publishedAt: day(3) }),
        makeStory({ slug: 'newest', section: 'autos', tags: ['europe'], publishedAt: day(18) }),
        makeStory({ slug: 'middle', section: 'autos', tags: ['batteries'], publishedAt: day(9) }),
      ],
      expected: ['newest', 'middle', 'older'],
    },
    {
      name: 'ranks stories from other sections by shared tags too',
      candidates: [
        makeStory({ slug: 'no-tags', section: 'markets', publishedAt: day(19) }),
        makeStory({ slug: 'one-tag', section: 'tech', tags: ['china'], publishedAt: day(4) }),
      ],
      expected: ['one-tag', 'no-tags'],
    },
  ])('$name', ({ candidates, expected }) => {
    expect(slugs(relatedStories(story, candidates, now))).toEqual(expected);
  });

  it('never returns the story itself', () => {
    const candidates = [story, makeStory({ slug: 'another', section: 'markets' })];
    expect(slugs(relatedStories(story, candidates, now))).toEqual(['another']);
  });

  it.each([
    { name: 'never returns a draft', excluded: makeStory({ slug: 'excluded', section: 'autos', tags: story.tags, draft: true }) },
    { name: 'never returns an unpublished story', excluded: makeStory({ slug: 'excluded', section: 'autos', tags: story.tags, status: 'unpublished' }) },
    {
      name: 'never returns a story scheduled for later',
      excluded: makeStory({ slug: 'excluded', section: 'autos', tags: story.tags, publishedAt: new Date('2026-08-01T12:00:01Z') }),
    },
  ])('$name', ({ excluded }) => {
    const candidates = [excluded, makeStory({ slug: 'public', section: 'markets' })];
    expect(slugs(relatedStories(story, candidates, now))).toEqual(['public']);
  });

  it('returns three stories by default, the best three', () => {
    const candidates = [
      makeStory({ slug: 'd', section: 'markets', publishedAt: day(19) }),
      makeStory({ slug: 'c', section: 'autos', publishedAt: day(5) }),
      makeStory({ slug: 'b', section: 'autos', tags: ['china'], publishedAt: day(5) }),
      makeStory({ slug: 'a', section: 'autos', tags: ['china', 'europe'], publishedAt: day(5) }),
    ];
    expect(slugs(relatedStories(story, candidates, now))).toEqual(['a', 'b', 'c']);
  });

  it('returns as many as asked for', () => {
    const candidates = ['a', 'b', 'c', 'd', 'e'].map((slug) => makeStory({ slug }));
    expect(relatedStories(story, candidates, now, 5)).toHaveLength(5);
    expect(relatedStories(story, candidates, now, 1)).toHaveLength(1);
  });

  it('returns nothing when there is nothing else to show', () => {
    expect(relatedStories(story, [story], now)).toEqual([]);
  });

  it('ranks only the candidates it is given: one left out is not shown, however many tags it shares', () => {
    const left = makeStory({ slug: 'left-out', section: 'autos', tags: story.tags, publishedAt: day(19) });
    const given = [makeStory({ slug: 'given', section: 'autos', publishedAt: day(1) })];
    expect(slugs(relatedStories(story, given, now))).toEqual(['given']);
    expect(slugs(relatedStories(story, [...given, left], now))).toEqual(['left-out', 'given']);
  });

  it('leaves the candidate list as it was', () => {
    const candidates = [makeStory({ slug: 'b', section: 'markets' }), makeStory({ slug: 'a', section: 'autos' })];
    relatedStories(story, candidates, now);
    expect(slugs(candidates)).toEqual(['b', 'a']);
  });
});
