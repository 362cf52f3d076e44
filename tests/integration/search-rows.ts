// Rows for the search, feed and sitemap tests, written straight into the content tables
// (db/schema/content.ts) with Drizzle, as ingest would leave them: a section, two authors,
// stories of every status, story_authors and story_tags rows, and locked parts apart.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { authors, sections, stories, storyAuthors, storyLockedParts, storyTags, tags, type LockedPartId, type StoryStatus } from '../../db/schema/content.ts';

export const SAVED_AT = new Date('2026-03-01T00:00:00Z');

export interface StoryRow {
  slug: string;
  status?: StoryStatus;
  section?: string;
  title?: string;
  dek?: string;
  summary?: string;
  /** Paragraphs of the free text, joined with blank lines as the compiler does. */
  paragraphs?: string[];
  publishedAt: Date;
  updatedAt?: Date | undefined;
  authors?: string[];
  tags?: string[];
  /** Locked parts' HTML: written to story_locked_parts only, as ingest does. */
  locked?: Partial<Record<LockedPartId, string>>;
}

/** The sections "business" and "markets", authors "priya-raman" and "tomas-ibarra". */
export async function insertPeople(db: Db): Promise<void> {
  await db.insert(sections).values([
    { id: 'business', name: 'Business', description: 'Companies and deals.', position: 1, sourceHash: 'x', savedAt: SAVED_AT },
    { id: 'markets', name: 'Markets', description: 'Prices and trades.', position: 2, sourceHash: 'x', savedAt: SAVED_AT },
  ]);
  await db.insert(authors).values([
    { id: 'priya-raman', name: 'Priya Raman', role: 'Reporter', bio: 'Covers industry.', sourceHash: 'x', savedAt: SAVED_AT },
    { id: 'tomas-ibarra', name: 'Tomás Ibarra', role: 'Editor', bio: 'Edits markets.', sourceHash: 'x', savedAt: SAVED_AT },
  ]);
}

/** Inserts the stories (in this order, so ids follow it) and returns their ids. */
export async function insertStories(db: Db, rows: readonly StoryRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const text = (row.paragraphs ?? ['An ordinary free paragraph.']).join('\n\n');
    const source = `---\ntitle: ${row.slug}\n---\n${text}`;
    const tagIds = row.tags ?? [];
    const authorIds = row.authors ?? ['priya-raman'];
    const [inserted] = await db
      .insert(stories)
      .values({
        slug: row.slug,
        sectionId: row.section ?? 'business',
        status: row.status ?? 'published',
        title: row.title ?? `Story ${row.slug}`,
        dek: row.dek ?? 'A plain dek.',
        summary: row.summary ?? 'A plain summary.',
        authorIds,
        tagIds,
        publishedAt: row.publishedAt,
        updatedAt: row.updatedAt,
        publicHtml: text
          .split('\n\n')
          .map((p) => `<p>${p}</p>`)
          .join(''),
        publicText: text,
        publicWords: text.split(/\s+/).length,
        hasKeyInsights: row.locked?.['key-insights'] !== undefined,
        hasExecutiveActions: row.locked?.['executive-actions'] !== undefined,
        source,
        sourceHash: createHash('sha256').update(source).digest('hex'),
        sourcePath: `articles/${row.slug}.mdx`,
        savedAt: SAVED_AT,
      })
      .returning({ id: stories.id });
    const id = inserted!.id;
    ids.push(id);
    await db.insert(storyAuthors).values(authorIds.map((authorId, position) => ({ storyId: id, authorId, position })));
    if (tagIds.length > 0) {
      await db.insert(tags).values(tagIds.map((tagId) => ({ id: tagId }))).onConflictDoNothing();
      await db.insert(storyTags).values(tagIds.map((tagId) => ({ storyId: id, tagId })));
    }
    const locked = Object.entries(row.locked ?? {}) as [LockedPartId, string][];
    if (locked.length > 0) await db.insert(storyLockedParts).values(locked.map(([part, html]) => ({ storyId: id, part, html })));
  }
  return ids;
}
