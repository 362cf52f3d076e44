// The story store: every query pages make about stories, sections and authors, read from the
// database (db/schema/content.ts). This file gathers them so imports keep one path; each
// concern lives beside it. Locked parts are not here: src/server/content/locked-parts.ts.
export { findStoryAt, findStoryBySlug, storiesBySlugs, storiesForDesk } from './story-reads.ts';
export type { StoryPage, DeskStoryLists } from './story-reads.ts';
export { listPublicStories, latestPublicStories, frontPageStories, relatedStoriesFor } from './story-lists.ts';
export type { StoryScope, FrontPage } from './story-lists.ts';
export { allSections, findSection, allAuthors, findAuthor, authorsByIds } from './people.ts';
export type { Section, Author } from './people.ts';
export type { Story, StoryStatus } from '../../lib/content/story.ts';
export { PAGE_SIZE } from '../../lib/content/paginate.ts';
