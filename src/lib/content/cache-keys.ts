// The names a cached page is filed under, so a change to a story purges exactly the pages that
// show it: its own page, its section (lists and every article's "More in <Section>"), its tags,
// its authors, and the site-wide lists (home, feeds, sitemap, search).

export const FRONT_KEY = 'front';

/** Every cached page (what the page cache calls purging all). */
export const EVERY_PAGE_KEY = '*';

export const cacheKeys = {
  story: (slug: string) => `story:${slug}`,
  section: (id: string) => `section:${id}`,
  tag: (id: string) => `tag:${id}`,
  author: (id: string) => `author:${id}`,
  front: () => FRONT_KEY,
};

/** What a story touches: before and after a save, so a story that moved section purges both. */
export interface StoryKeysSource {
  slug: string;
  section: string;
  tags: readonly string[];
  authors: readonly string[];
}

/** Every key a change to these versions of a story must purge. */
export function keysForStoryChange(...versions: readonly StoryKeysSource[]): string[] {
  const keys = new Set<string>([FRONT_KEY]);
  for (const v of versions) {
    keys.add(cacheKeys.story(v.slug));
    keys.add(cacheKeys.section(v.section));
    for (const t of v.tags) keys.add(cacheKeys.tag(t));
    for (const a of v.authors) keys.add(cacheKeys.author(a));
  }
  return [...keys];
}
