// The story a reader started from, read off the `next` path of their flow, as a table.
import { describe, expect, it } from 'vitest';
import { attributedStorySlug, storyPathFromNext } from '../../src/lib/desk/attribution.ts';

const enc = encodeURIComponent;
/** How the club page's register link nests the story: Register → the Club → the story. */
const registerViaClub = `/register/?next=${enc(`/club/?plan=monthly&next=${enc('/business/x/')}`)}`;
const threeDeep = `/register/?next=${enc(`/sign-in/?next=${enc(`/club/?next=${enc('/business/x/')}`)}`)}`;

const CASES: [string, string | null | undefined, string | undefined][] = [
  // Stories
  ['a story path', '/business/x/', 'x'],
  ['a story path without the trailing slash', '/business/x', 'x'],
  ['a story path with a query and a fragment', '/business/x/?ref=1#locked', 'x'],
  ['a slug with digits, - and _', '/markets/q3-results_2026/', 'q3-results_2026'],
  ['a section front page number (the lookup rejects it)', '/business/2/', '2'],
  ['dot segments, resolved as a browser would', '/club/../markets/y/', 'y'],
  ['a story that carries its own next', '/business/x/?next=/markets/y/', 'x'],
  // The paywall's links, one level in
  ['the Club, next encoded as the paywall does', `/club/?next=${enc('/business/x/')}`, 'x'],
  ['the Club, next not encoded', '/club/?next=/business/x/', 'x'],
  ['credits', `/credits/?next=${enc('/business/x/')}`, 'x'],
  ['sign in', `/sign-in/?next=${enc('/business/x/')}`, 'x'],
  ['register', `/register/?next=${enc('/business/x/')}`, 'x'],
  ['register without the trailing slash', `/register?next=${enc('/business/x/')}`, 'x'],
  // Two levels: the Club's own register link
  ['register, then the Club, then the story', registerViaClub, 'x'],
  ['three levels deep', threeDeep, undefined],
  // Not stories
  ['the front page', '/', undefined],
  ['a section front', '/business/', undefined],
  ['a deeper path', '/business/x/extra/', undefined],
  ['a tag page', '/tags/china/', undefined],
  ['an author page', '/authors/mei-lin-zhao/', undefined],
  ['an account page', '/account/sessions/', undefined],
  ['the desk', '/desk/x/', undefined],
  ['an API route', '/api/stripe/', undefined],
  ['a section feed', '/business/rss.xml', undefined],
  ['the Club without next', '/club/?plan=monthly', undefined],
  ['the Club with an empty next', '/club/?next=', undefined],
  ['a page that does not pass next on', `/search/?next=${enc('/business/x/')}`, undefined],
  ['a story under a page that passes next on', '/club/x/', undefined],
  // Hostile
  ['a protocol-relative URL', '//evil.example/business/x/', undefined],
  ['a backslash host', '/\\evil.example/business/x/', undefined],
  ['an absolute URL', 'https://evil.example/business/x/', undefined],
  ['a javascript: URL', 'javascript:alert(1)//business/x/', undefined],
  ['an encoded slash between section and slug', '/business%2Fx/', undefined],
  ['an encoded slash inside the slug', '/business/x%2Fy/', undefined],
  ['an encoded backslash', '/business/x%5C/', undefined],
  ['a nested protocol-relative URL', `/club/?next=${enc('//evil.example/business/x/')}`, undefined],
  ['a nested absolute URL', `/club/?next=${enc('https://evil.example/business/x/')}`, undefined],
  ['a control character', '/business/x\n/', undefined],
  ['upper case', '/Business/X/', undefined],
  ['a space', '/business/x y/', undefined],
  ['markup', '/business/<script>/', undefined],
  ['a non-ASCII slug', '/business/café/', undefined],
  ['a slug past 200 characters', `/business/${'a'.repeat(201)}/`, undefined],
  ['a next past 1024 characters', `/business/x/?pad=${'a'.repeat(1100)}`, undefined],
  ['a relative path', 'business/x/', undefined],
  ['empty', '', undefined],
  ['null', null, undefined],
  ['undefined', undefined, undefined],
];

describe('storyPathFromNext', () => {
  it.each(CASES)('for %s (%s) has the slug %s', (_what, next, slug) => {
    expect(storyPathFromNext(next)?.slug).toBe(slug);
  });

  it('names the section as well as the slug', () => {
    expect(storyPathFromNext(registerViaClub)).toEqual({ section: 'business', slug: 'x' });
  });
});

describe('attributedStorySlug', () => {
  const stories = new Map([['x', { section: 'business' }]]);
  const find = (slug: string) => Promise.resolve(stories.get(slug));

  it('is the slug of a story that exists in the section the path names', async () => {
    expect(await attributedStorySlug(`/club/?next=${enc('/business/x/')}`, find)).toBe('x');
  });

  it('is nothing for a story in another section', async () => {
    expect(await attributedStorySlug('/markets/x/', find)).toBeUndefined();
  });

  it('is nothing for a story that does not exist', async () => {
    expect(await attributedStorySlug('/business/gone/', find)).toBeUndefined();
  });

  it('does not look anything up when the path is not a story', async () => {
    const asked: string[] = [];
    const spy = (slug: string) => (asked.push(slug), find(slug));
    expect(await attributedStorySlug('/tags/x/', spy)).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
