// Story values for unit tests: a complete, published story by default, so each test states
// only the fields its case is about.
import type { Story } from '../../src/lib/content/story.ts';

export function makeStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 1,
    status: 'published',
    slug: 'a-story',
    section: 'business',
    title: 'A story',
    dek: 'What happened, in one sentence.',
    summary: 'Why it matters to decision-makers.',
    authors: ['mei-lin-zhao'],
    tags: [],
    publishedAt: new Date('2026-07-01T08:00:00Z'),
    draft: false,
    publicWords: 600,
    lockedParts: { keyInsights: true, executiveActions: true },
    ...overrides,
  };
}

/** The slugs of a list of stories, which is what most assertions compare. */
export const slugs = (stories: readonly Pick<Story, 'slug'>[]): string[] => stories.map((s) => s.slug);
