// The newsroom's content: sections, authors, tags and stories, each story compiled when it is
// saved (src/lib/content/compile-story.ts). Pages, lists, feeds, sitemaps and search read these
// tables through indexed queries (src/server/content/); nothing holds every story in memory.
// The locked parts live in a table of their own that only the entitled render path reads.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** PostgreSQL's full-text document type; filled by a generated column, never written. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const sections = pgTable('sections', {
  /** The file name in content/sections, and the first segment of the section's URL. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  /** Position in the navigation, lowest first. */
  position: integer('position').notNull(),
  sourceHash: text('source_hash').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
});

export const authors = pgTable('authors', {
  /** The file name in content/authors, and the author page's URL segment. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  bio: text('bio').notNull(),
  sourceHash: text('source_hash').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
});

export const tags = pgTable('tags', {
  /** Lowercase words joined by hyphens, e.g. "electric-vehicles". */
  id: text('id').primaryKey(),
});

/**
 * draft: never public. scheduled / published: public from published_at (the status says which
 * it was when last saved; the clock decides). unpublished: taken down, answers 410 Gone.
 */
export const STORY_STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const stories = pgTable(
  'stories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The story's URL segment and lasting identity (unlocks and attribution name it). */
    slug: text('slug').notNull().unique(),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    status: text('status').$type<StoryStatus>().notNull(),
    title: text('title').notNull(),
    dek: text('dek').notNull(),
    summary: text('summary').notNull(),
    /** Author ids in byline order (story_authors holds the same, for author pages). */
    authorIds: text('author_ids').array().notNull(),
    /** Tag ids in the editor's order (story_tags holds the same, for tag pages). */
    tagIds: text('tag_ids').array().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** When the story last changed in substance, as the editor says ("Updated …"). */
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    /** Lead image: { src, alt, width, height, credit }. */
    image: jsonb('image').$type<StoryImage>(),
    /** The free body as HTML, with a marker where each locked part stands. */
    publicHtml: text('public_html').notNull(),
    /** The free text (no locked part): search, feeds, word count. */
    publicText: text('public_text').notNull(),
    publicWords: integer('public_words').notNull(),
    hasKeyInsights: boolean('has_key_insights').notNull(),
    hasExecutiveActions: boolean('has_executive_actions').notNull(),
    /** The MDX file as the editor wrote it (frontmatter and body). */
    source: text('source').notNull(),
    /** SHA-256 (hex) of `source`: saving the same text again changes nothing. */
    sourceHash: text('source_hash').notNull(),
    /** Where the source came from, relative to the content folder (articles/x.mdx); null for the desk. */
    sourcePath: text('source_path').unique(),
    /** When this version was saved: cache versions, sitemap lastmod. */
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    /** Generated from the public text only; a locked part's words are never in it. */
    searchDocument: tsvector('search_document').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', dek), 'B') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', public_text), 'C')`,
    ),
    /**
     * The head alone (title, dek, summary), built as search_document's first part: search puts
     * stories whose head matches above body-only matches (src/server/search/search-stories.ts).
     */
    searchHead: tsvector('search_head').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', dek), 'B') || setweight(to_tsvector('english', summary), 'B')`,
    ),
  },
  (t) => [
    check('stories_status_known', sql`${t.status} in ('draft', 'scheduled', 'published', 'unpublished')`),
    index('stories_public_recent').on(t.publishedAt.desc(), t.id.desc()).where(sql`${t.status} in ('scheduled', 'published')`),
    index('stories_section_recent').on(t.sectionId, t.publishedAt.desc(), t.id.desc()).where(sql`${t.status} in ('scheduled', 'published')`),
    index('stories_search').using('gin', t.searchDocument),
    index('stories_search_head').using('gin', t.searchHead),
  ],
);

export interface StoryImage {
  src: string;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
  credit?: string | undefined;
}

export const storyAuthors = pgTable(
  'story_authors',
  {
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => authors.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.authorId] }), index('story_authors_author').on(t.authorId, t.storyId)],
);

export const storyTags = pgTable(
  'story_tags',
  {
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.tagId] }), index('story_tags_tag').on(t.tagId, t.storyId)],
);

export const LOCKED_PART_IDS = ['key-insights', 'executive-actions'] as const;
export type LockedPartId = (typeof LOCKED_PART_IDS)[number];

/** Each locked part's compiled HTML. Only the entitled render path reads this table. */
export const storyLockedParts = pgTable(
  'story_locked_parts',
  {
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    part: text('part').$type<LockedPartId>().notNull(),
    html: text('html').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.part] }), check('story_locked_parts_known', sql`${t.part} in ('key-insights', 'executive-actions')`)],
);

/** Every save of a story: its source, who saved it (a user id, or file:<path>), and when. */
export const storyRevisions = pgTable(
  'story_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    sourceHash: text('source_hash').notNull(),
    savedBy: text('saved_by').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('story_revisions_story').on(t.storyId, t.savedAt.desc())],
);

/** The last problems found in a content file that could not be taken in (shown on the desk). */
export const contentProblems = pgTable('content_problems', {
  /** Relative to the content folder, e.g. articles/x.mdx. */
  sourcePath: text('source_path').primaryKey(),
  /** [{ line, message }] */
  problems: jsonb('problems').$type<{ line: number; message: string }[]>().notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});
