// Rows for the story store's integration tests (tests/integration/story-store*.test.ts),
// written straight into the tables with Drizzle: sections, authors, tags and stories with
// their story_tags / story_authors rows, and locked parts. Independent of the ingest code, but
// announcing each batch as a content change (in this process) as the ingest does.
import type { Db } from '../../db/client.ts';
import { authors, sections, stories, storyAuthors, storyLockedParts, storyTags, tags, type LockedPartId, type StoryStatus } from '../../db/schema/content.ts';
import { provideDatabase } from '../../src/server/db/database.ts';
import { deliverContentChange } from '../../src/server/content/content-changes.ts';
import type { TestDatabase } from '../support/test-db.ts';

/** Makes the store's getDb() answer with this test database. */
export function useForStore(t: TestDatabase): void {
  provideDatabase(Promise.resolve(t));
}

export const SAVED_AT = new Date('2026-07-01T00:00:00Z');

export async function seedSections(db: Db, list: readonly { id: string; name?: string; position: number }[]): Promise<void> {
  await db.insert(sections).values(
    list.map((s) => ({ id: s.id, name: s.name ?? s.id.toUpperCase(), description: `All about ${s.id}.`, position: s.position, sourceHash: 'h', savedAt: SAVED_AT })),
  );
}

export async function seedAuthors(db: Db, list: readonly { id: string; name: string }[]): Promise<void> {
  await db.insert(authors).values(list.map((a) => ({ id: a.id, name: a.name, role: 'Reporter', bio: `${a.name} reports.`, sourceHash: 'h', savedAt: SAVED_AT })));
}

export async function seedTags(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.insert(tags).values(ids.map((id) => ({ id }))).onConflictDoNothing();
}

export interface StorySeed {
  slug: string;
  section: string;
  publishedAt: Date;
  status?: StoryStatus;
  tags?: string[];
  authors?: string[];
  title?: string;
  publicHtml?: string;
  /** Locked parts' inner HTML; the story's has_* flags follow. */
  locked?: Partial<Record<LockedPartId, string>>;
  savedAt?: Date;
}

/** Inserts stories (one multi-row insert per call) and their tag and author rows; gives back
 * the ids by slug. Tags must exist (seedTags), authors too (seedAuthors). */
export async function seedStories(db: Db, list: readonly StorySeed[]): Promise<Map<string, number>> {
  if (list.length === 0) return new Map();
  const inserted = await db
    .insert(stories)
    .values(
      list.map((s) => ({
        slug: s.slug,
        sectionId: s.section,
        status: s.status ?? 'published',
        title: s.title ?? `Title of ${s.slug}`,
        dek: `Dek of ${s.slug}`,
        summary: `Summary of ${s.slug}`,
        authorIds: s.authors ?? [],
        tagIds: s.tags ?? [],
        publishedAt: s.publishedAt,
        publicHtml: s.publicHtml ?? `<p>Body of ${s.slug}</p>`,
        publicText: `Body of ${s.slug}`,
        publicWords: 3,
        hasKeyInsights: Boolean(s.locked?.['key-insights']),
        hasExecutiveActions: Boolean(s.locked?.['executive-actions']),
        source: `---\ntitle: ${s.slug}\n---\nBody`,
        sourceHash: `hash-${s.slug}`,
        sourcePath: `articles/${s.slug}.mdx`,
        savedAt: s.savedAt ?? SAVED_AT,
      })),
    )
    .returning({ id: stories.id, slug: stories.slug });
  const ids = new Map(inserted.map((row) => [row.slug, row.id]));
  const idOf = (slug: string) => ids.get(slug) ?? 0;
  const tagRows = list.flatMap((s) => (s.tags ?? []).map((tagId) => ({ storyId: idOf(s.slug), tagId })));
  const authorRows = list.flatMap((s) => (s.authors ?? []).map((authorId, position) => ({ storyId: idOf(s.slug), authorId, position })));
  const lockedRows = list.flatMap((s) =>
    Object.entries(s.locked ?? {}).map(([part, html]) => ({ storyId: idOf(s.slug), part: part as LockedPartId, html: html ?? '' })),
  );
  if (tagRows.length > 0) await db.insert(storyTags).values(tagRows);
  if (authorRows.length > 0) await db.insert(storyAuthors).values(authorRows);
  if (lockedRows.length > 0) await db.insert(storyLockedParts).values(lockedRows);
  // As every writer of stories does: the store's in-memory reads (sections, related lists) are
  // dropped on a content change, and these rows are one.
  deliverContentChange(['*']);
  return ids;
}

export const minutesAfter = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
