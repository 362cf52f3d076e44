import { describe, expect, it } from 'vitest';
import { frontPage } from '../../src/lib/content/front-page.ts';
import { makeStory, slugs } from '../support/story-factory.ts';

const at = (hour: number) => new Date(Date.UTC(2026, 6, 1, hour));

// Newest first: s1 (markets) ... s9 (autos); given out of order to show the page sorts them.
const stories = [
  makeStory({ slug: 's5', section: 'autos', publishedAt: at(5) }),
  makeStory({ slug: 's1', section: 'markets', publishedAt: at(9) }),
  makeStory({ slug: 's9', section: 'autos', publishedAt: at(1) }),
  makeStory({ slug: 's3', section: 'business', publishedAt: at(7) }),
  makeStory({ slug: 's2', section: 'autos', publishedAt: at(8) }),
  makeStory({ slug: 's7', section: 'business', publishedAt: at(3) }),
  makeStory({ slug: 's4', section: 'markets', publishedAt: at(6) }),
  makeStory({ slug: 's8', section: 'autos', publishedAt: at(2) }),
  makeStory({ slug: 's6', section: 'autos', publishedAt: at(4) }),
];

describe('frontPage', () => {
  const page = frontPage(stories, ['business', 'autos', 'markets', 'tech'], 2);

  it('leads with the newest story', () => {
    expect(page.lead?.slug).toBe('s1');
  });

  it('puts the next three newest beside the lead', () => {
    expect(slugs(page.secondary)).toEqual(['s2', 's3', 's4']);
  });

  it('lists sections in the order given, each newest first, without the stories already shown', () => {
    expect(page.bySection.map((s) => ({ section: s.section, stories: slugs(s.stories) }))).toEqual([
      { section: 'business', stories: ['s7'] },
      { section: 'autos', stories: ['s5', 's6'] },
      { section: 'markets', stories: [] },
      { section: 'tech', stories: [] },
    ]);
  });

  it('shows no story twice', () => {
    const shown = [page.lead?.slug, ...slugs(page.secondary), ...page.bySection.flatMap((s) => slugs(s.stories))];
    expect(new Set(shown).size).toBe(shown.length);
  });

  it(`shows four stories per section by default`, () => {
    const many = Array.from({ length: 12 }, (_, i) => makeStory({ slug: `a${String(i).padStart(2, '0')}`, section: 'autos', publishedAt: at(i) }));
    expect(frontPage(many, ['autos']).bySection[0]?.stories).toHaveLength(4);
  });

  it('has no lead and empty rows when nothing is published', () => {
    expect(frontPage([], ['business'])).toEqual({ lead: undefined, secondary: [], bySection: [{ section: 'business', stories: [] }] });
  });

  it('has a lead and no secondary stories when only one is published', () => {
    const only = frontPage([makeStory({ slug: 'only' })], ['business']);
    expect([only.lead?.slug, slugs(only.secondary), slugs(only.bySection[0]?.stories ?? [])]).toEqual(['only', [], []]);
  });

  it('leaves the list it was given in its order', () => {
    const given = [...stories];
    frontPage(given, ['autos']);
    expect(slugs(given)).toEqual(slugs(stories));
  });
});
