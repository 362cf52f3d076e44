// Lists of public stories, newest first, cut by the database: section, tag and author pages
// (limit/offset on the partial indexes), the latest stories, the front page and "More in
// <Section>". Each query reads a bounded number of rows; none loads every story.
import { and, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { stories, storyAuthors, storyTags } from '../../../db/schema/content.ts';
import { frontPage, type FrontPage } from '../../lib/content/front-page.ts';
import { PAGE_SIZE, pageOffset } from '../../lib/content/paginate.ts';
import { relatedStories } from '../../lib/content/related-stories.ts';
import type { Story } from '../../lib/content/story.ts';
import { getDb } from '../db/database.ts';
import { newestFirst, publicAt, rowToStory, storyListColumns } from './story-rows.ts';
import { jsonBytes, keptUntilContentChanges } from './kept-until-content-changes.ts';
import { keptTotal } from './kept-totals.ts';

export type { FrontPage };

/** Which stories a listing shows: all public ones, or one section's, tag's or author's. */
export interface StoryScope {
  section?: string | undefined;
  tag?: string | undefined;
  author?: string | undefined;
}

/** One page of the public stories in `scope`, newest first, and how many there are in all. */
export async function listPublicStories(
  scope: StoryScope,
  now: Date,
  page: number,
  pageSize = PAGE_SIZE,
): Promise<{ items: Story[]; total: number }> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`listPublicStories: page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`listPublicStories: pageSize must be a whole number from 1, not ${pageSize}`);
  const db = await getDb();
  const conditions: SQL[] = [publicAt(now)];
  if (scope.section !== undefined) conditions.push(eq(stories.sectionId, scope.section));
  if (scope.tag !== undefined) conditions.push(eq(storyTags.tagId, scope.tag));
  if (scope.author !== undefined) conditions.push(eq(storyAuthors.authorId, scope.author));
  const where = and(...conditions);

  // Joins only for the scopes that need them; a story appears once per tag / author row, and
  // (story_id, tag_id) / (story_id, author_id) are primary keys, so no story repeats.
  // The page is found by id first: that query and the count read only indexed columns, so
  // they can walk the partial index alone (an index-only scan once the table is vacuumed,
  // as content:sync does), however deep the page; then the page's rows are read by id.
  let idsQuery = db.select({ id: stories.id }).from(stories).$dynamic();
  let totalQuery = db.select({ total: count() }).from(stories).$dynamic();
  if (scope.tag !== undefined) {
    idsQuery = idsQuery.innerJoin(storyTags, eq(storyTags.storyId, stories.id));
    totalQuery = totalQuery.innerJoin(storyTags, eq(storyTags.storyId, stories.id));
  }
  if (scope.author !== undefined) {
    idsQuery = idsQuery.innerJoin(storyAuthors, eq(storyAuthors.storyId, stories.id));
    totalQuery = totalQuery.innerJoin(storyAuthors, eq(storyAuthors.storyId, stories.id));
  }
  const scopeKey = `${scope.section ?? ''}|${scope.tag ?? ''}|${scope.author ?? ''}`;
  const [idRows, total] = await Promise.all([
    idsQuery.where(where).orderBy(...newestFirst).limit(pageSize).offset(pageOffset(page, pageSize)),
    keptTotal(`list:${scopeKey}`, async () => (await totalQuery.where(where))[0]?.total ?? 0),
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = ids.length === 0 ? [] : await db.select(storyListColumns).from(stories).where(inArray(stories.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [rowToStory(row)] : [];
  });
  return { items, total };
}

/** The newest `limit` public stories (feeds, the sitemap's freshest, "latest" boxes). */
export async function latestPublicStories(now: Date, limit: number): Promise<Story[]> {
  const db = await getDb();
  const rows = await db.select(storyListColumns).from(stories).where(publicAt(now)).orderBy(...newestFirst).limit(limit);
  return rows.map(rowToStory);
}

/** The newest `limit` public stories of one section, leaving out the story `exceptId`. */
async function newestInSection(section: string, now: Date, limit: number, exceptId?: number): Promise<Story[]> {
  const db = await getDb();
  const conditions = [publicAt(now), eq(stories.sectionId, section)];
  if (exceptId !== undefined) conditions.push(ne(stories.id, exceptId));
  const rows = await db.select(storyListColumns).from(stories).where(and(...conditions)).orderBy(...newestFirst).limit(limit);
  return rows.map(rowToStory);
}

/**
 * The home page (src/lib/content/front-page.ts's rule): the newest four lead it, so the newest
 * perSection + 4 of each section always hold the perSection it shows below them.
 */
export async function frontPageStories(now: Date, sectionOrder: readonly string[], perSection = 4): Promise<FrontPage> {
  const [latest, ...bySection] = await Promise.all([
    latestPublicStories(now, 4),
    ...sectionOrder.map((section) => newestInSection(section, now, perSection + 4)),
  ]);
  const candidates = new Map<number, Story>();
  for (const story of [...(latest ?? []), ...bySection.flat()]) candidates.set(story.id, story);
  return frontPage([...candidates.values()], sectionOrder, perSection);
}

/** How many of each shared tag's most recently filed stories "More in <Section>" considers. */
export const RELATED_CANDIDATES_PER_TAG = 100;

/**
 * "More in <Section>" (src/lib/content/related-stories.ts's rule: same section, then most
 * shared tags, then newest, the tag-sharing stories taken from each tag's most recently filed
 * RELATED_CANDIDATES_PER_TAG). Three bounded queries: the best `limit` of those tag candidates
 * (ranked here in SQL by the same rule, shared tags counted from stories.tag_ids), the newest
 * `limit` of the section and the newest `limit` overall; the pure rule then ranks those few.
 * No query reads more than (tags x RELATED_CANDIDATES_PER_TAG) + 2 x limit rows, whatever the
 * archive's size.
 */
export async function relatedStoriesFor(story: Story, now: Date, limit = 3): Promise<Story[]> {
  if (limit < 1) return [];
  return keptRelated.get(`${story.id}:${story.section}:${story.tags.join(',')}:${limit}`, () => readRelatedStories(story, now, limit));
}

/** "More in <Section>" lists, kept until content changes: 4 MB holds about a thousand of them. */
const keptRelated = keptUntilContentChanges<Story[]>({ maxBytes: 4 * 1024 * 1024, ttlMs: 5 * 60_000, bytesOf: jsonBytes });

async function readRelatedStories(story: Story, now: Date, limit: number): Promise<Story[]> {
  const db = await getDb();
  const notThis = ne(stories.id, story.id);
  const [tagged, sameSection, newest] = await Promise.all([
    story.tags.length === 0 ? Promise.resolve([]) : bestSharingTags(story, now, limit),
    newestInSection(story.section, now, limit, story.id),
    db.select(storyListColumns).from(stories).where(and(publicAt(now), notThis)).orderBy(...newestFirst).limit(limit),
  ]);
  const candidates = new Map<number, Story>();
  for (const s of [...tagged.map(rowToStory), ...sameSection, ...newest.map(rowToStory)]) candidates.set(s.id, s);
  return relatedStories(story, [...candidates.values()], now, limit);
}

/**
 * The best `limit` public stories among each of `story`'s tags' RELATED_CANDIDATES_PER_TAG
 * highest story ids (the most recently filed: a backward scan of story_tags_tag per tag),
 * ranked by same section, shared tags, newest.
 */
async function bestSharingTags(story: Story, now: Date, limit: number) {
  const db = await getDb();
  const tagList = sql`array[${sql.join(story.tags.map((tag) => sql`${tag}`), sql`, `)}]::text[]`;
  const candidateIds = sql`(select distinct recent.story_id from unnest(${tagList}) as shared(tag_id)
    cross join lateral (select ${storyTags.storyId} as story_id from ${storyTags}
      where ${storyTags.tagId} = shared.tag_id and ${storyTags.storyId} <> ${story.id}
      order by ${storyTags.storyId} desc limit ${RELATED_CANDIDATES_PER_TAG}) as recent)`;
  const sharedCount = sql`cardinality(array(select unnest(${stories.tagIds}) intersect select unnest(${tagList})))`;
  return db
    .select(storyListColumns)
    .from(stories)
    .where(and(publicAt(now), sql`${stories.id} in ${candidateIds}`))
    .orderBy(desc(sql`${stories.sectionId} = ${story.section}`), desc(sharedCount), ...newestFirst)
    .limit(limit);
}
