// Search over the free text of public stories, in PostgreSQL, at a cost bounded by the page and
// not by the archive. Two tiers: stories whose head (title, dek, summary: stories.search_head)
// matches the whole query, then stories that match only with the body (stories.search_document,
// which holds head and public_text; db/schema/content.ts); newest first within a tier, so each
// tier is read down the stories_public_recent index (or, for a rare query, from the GIN index)
// and stops at the page's last row. The total is exact up to SEARCH_COUNT_CAP and "more than"
// beyond, counted beside the page in a transaction of its own (on PostgreSQL, on another
// connection at the same time), and kept by the caller if it wants (SearchTotals). Snippets
// (ts_headline) are made for the page's rows only (search-snippets.ts). The
// same SQL runs on PGlite and PostgreSQL. No locked part is in search_document, search_head or
// public_text, so none can be found or quoted; story_locked_parts is never read here.
import { and, count, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories } from '../../../db/schema/content.ts';
import type { Story } from '../../lib/content/story.ts';
import { MAX_SEARCH_PAGE, normalizeQuery, SEARCH_PAGE_SIZE } from '../../lib/search/search-query.ts';
import type { SnippetPart } from '../../lib/search/snippet.ts';
import { newestFirst, publicAt, rowToStory, storyListColumns, type StoryListRow } from '../content/story-rows.ts';
import { snippetsFor, tsQuery, type Reader } from './search-snippets.ts';

export interface SearchResult {
  story: Story;
  snippet: SnippetPart[];
}

export interface SearchResults {
  items: SearchResult[];
  /** The public stories the query matches, on all pages; at most SEARCH_COUNT_CAP. */
  total: number;
  /** Present (true) when more than `total` (= SEARCH_COUNT_CAP) stories match. */
  totalCapped?: true;
}

/** Matches are counted up to this many (every page a reader may open: MAX_SEARCH_PAGE of 20). */
export const SEARCH_COUNT_CAP = MAX_SEARCH_PAGE * SEARCH_PAGE_SIZE;

/**
 * A tier is first looked for among the newest RECENT_WINDOW public stories (or twice the rows up
 * to the page's end, for a later page of a common word). If they hold some matches but too few,
 * among ten times as many; otherwise, or if that is still too few, in the whole archive
 * through the GIN index. A window costs its rows (on PGlite, tens of microseconds each, read
 * from disk); the GIN way costs every match of the tier, which for a word in a few percent of
 * 200,000 titles is thousands of rows fetched and sorted. The larger window is tried only when
 * the first one found at least a tenth of the rows wanted, so the page is likely in it.
 */
export const RECENT_WINDOW = 500;
export const LARGER_WINDOW = 10 * RECENT_WINDOW;

/** Where the total of a query comes from: counted each time, or kept (search-service.ts). */
export interface SearchTotals {
  /** The total of `query` (already normalized): `count()`'s, or one kept from an earlier call. */
  get(query: string, count: () => Promise<number>): Promise<number>;
}

const countEachTime: SearchTotals = { get: (_query, count) => count() };

type Tier = 'head' | 'body';

/** A LIMIT that cuts nothing but keeps a subquery apart from its outer query (drizzle drops "offset 0"). */
const NOT_MERGED = Number.MAX_SAFE_INTEGER;

/** A head match is a document match too, except for a query with a "-word" that only the body holds. */
function tierMatch(tier: Tier, query: string, document: SQLWrapper, head: SQLWrapper): SQL {
  const inDocument = sql`${document} @@ ${tsQuery(query)}`;
  const inHead = sql`${head} @@ ${tsQuery(query)}`;
  return tier === 'head' ? sql`(${inHead} and ${inDocument})` : sql`(${inDocument} and not ${inHead})`;
}

/**
 * One page of the public stories (at `now`) matching `rawQuery`: head matches first, then
 * body-only matches, newest first in each. An empty query (after normalizeQuery) matches
 * nothing and costs no query; a query of stop words only ("the and") becomes an empty tsquery
 * in the database and matches nothing either.
 */
export async function searchStories(db: Db, rawQuery: string, now: Date, page = 1, pageSize = SEARCH_PAGE_SIZE, totals = countEachTime): Promise<SearchResults> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`searchStories: page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`searchStories: pageSize must be a whole number from 1, not ${pageSize}`);
  const query = normalizeQuery(rawQuery);
  if (!query) return { items: [], total: 0 };
  // Started at once, beside the page: a page that is not full tells the total by itself, but
  // most pages of a common word are full, and the count is the costliest statement then.
  const counted = totals.get(query, () =>
    inSearchTransaction(db, (tx) => throughGinIndexes(tx, () => countUpTo(tx, and(publicAt(now), sql`${stories.searchDocument} @@ ${tsQuery(query)}`) as SQL, SEARCH_COUNT_CAP + 1))),
  );
  counted.catch(() => {}); // awaited below when the page is full; a failure is thrown there
  return inSearchTransaction(db, (tx) => pageOfMatches(tx, query, now, page, pageSize, counted));
}

/**
 * Runs `read` in a transaction of its own, so that planner settings (set_config(..., true)) last
 * only for it. Each statement is planned for its own words: on PostgreSQL, postgres.js prepares
 * statements and the server may otherwise plan one once for any words ("generic plan").
 */
function inSearchTransaction<T>(db: Db, read: (tx: Reader) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return read(tx);
  });
}

/**
 * Runs `read` with sequential and plain index scans off, so that PostgreSQL finds the matches
 * through the GIN indexes (a bitmap scan, which reads no search_document it need not). The
 * planner counts no cost for reading a toasted tsvector (~4 kB a story), so for a word it
 * thinks uncommon it would rather read every story's search_document in a sequential scan:
 * 0.9 s at 20,000 stories on PGlite (EXPLAIN ANALYZE, bench/search-scale.mjs).
 */
async function throughGinIndexes<T>(db: Reader, read: () => Promise<T>): Promise<T> {
  const turn = (seqscan: string, indexscan: string) =>
    db.execute(sql`select set_config('enable_seqscan', ${seqscan}, true), set_config('enable_indexscan', ${indexscan}, true)`);
  await turn('off', 'off');
  try {
    return await read();
  } finally {
    await turn('on', 'on');
  }
}

/** searchStories' page, on a connection that plans each statement for its own words; `counted` is the total, counted meanwhile. */
async function pageOfMatches(db: Reader, query: string, now: Date, page: number, pageSize: number, counted: Promise<number>): Promise<SearchResults> {
  const offset = (page - 1) * pageSize;

  const headRows = await newestInTier(db, now, query, 'head', pageSize, offset);
  let rows = headRows;
  if (headRows.length < pageSize) {
    // This page ends the head tier: the body tier continues it, after the head tier's count.
    const headCount =
      headRows.length > 0 || offset === 0
        ? offset + headRows.length
        : await throughGinIndexes(db, () => countUpTo(db, and(publicAt(now), tierMatch('head', query, stories.searchDocument, stories.searchHead)) as SQL, offset));
    rows = [...headRows, ...(await newestInTier(db, now, query, 'body', pageSize - headRows.length, Math.max(0, offset - headCount)))];
  }
  // A page that is not full is the last one and tells the total; otherwise the count (capped).
  const total = rows.length < pageSize && (rows.length > 0 || offset === 0) ? offset + rows.length : await counted;
  const snippets = await snippetsFor(db, query, rows.map((r) => r.id));
  const items = rows.map((row) => ({ story: rowToStory(row), snippet: snippets.get(row.id) ?? [] }));
  return total > SEARCH_COUNT_CAP ? { items, total: SEARCH_COUNT_CAP, totalCapped: true } : { items, total };
}

/**
 * `limit` stories of `tier` from `offset`, newest first: first among the newest public stories
 * (RECENT_WINDOW, LARGER_WINDOW, read down stories_public_recent and stopping at the page's last row: a
 * common word); if they do not fill the page, from the whole archive through the GIN index
 * (a rarer word: the matches are found through throughGinIndexes, then sorted). The inner query's LIMIT (a bound no
 * archive reaches) keeps PostgreSQL from merging it into the outer one, and so from answering
 * the outer ORDER BY ... LIMIT by walking the whole recency index and reading each story's
 * search_document: the planner's guess at a rare word's frequency is too rough to risk that.
 */
async function newestInTier(db: Reader, now: Date, query: string, tier: Tier, limit: number, offset: number): Promise<StoryListRow[]> {
  const wanted = offset + limit;
  const first = await newestInWindow(db, now, query, tier, limit, offset, Math.max(RECENT_WINDOW, 2 * wanted));
  if (first.length === limit) return first;
  const foundInFirst = offset + first.length;
  if (first.length > 0 && 10 * foundInFirst >= wanted && LARGER_WINDOW > 2 * wanted) {
    const larger = await newestInWindow(db, now, query, tier, limit, offset, LARGER_WINDOW);
    if (larger.length === limit) return larger;
  }
  const matches = db
    .select(storyListColumns)
    .from(stories)
    .where(and(publicAt(now), tierMatch(tier, query, stories.searchDocument, stories.searchHead)))
    .limit(NOT_MERGED)
    .as('matches');
  return throughGinIndexes(db, () =>
    db
      .select(listColumnsOf(matches))
      .from(matches)
      .orderBy(sql`${matches.publishedAt} desc nulls last`, sql`${matches.id} desc nulls last`)
      .limit(limit)
      .offset(offset),
  );
}

/** `limit` stories of `tier` from `offset` among the newest `window` public stories, read down stories_public_recent. */
async function newestInWindow(db: Reader, now: Date, query: string, tier: Tier, limit: number, offset: number, window: number): Promise<StoryListRow[]> {
  const recent = db
    .select({ ...storyListColumns, searchDocument: stories.searchDocument, searchHead: stories.searchHead })
    .from(stories)
    .where(publicAt(now))
    .orderBy(...newestFirst)
    .limit(window)
    .as('recent');
  return db
    .select(listColumnsOf(recent))
    .from(recent)
    .where(tierMatch(tier, query, recent.searchDocument, recent.searchHead))
    .orderBy(sql`${recent.publishedAt} desc nulls last`, sql`${recent.id} desc nulls last`)
    .limit(limit)
    .offset(offset);
}

/** A subquery's story list columns, under the names storyListColumns gives them. */
function listColumnsOf<T extends Record<keyof typeof storyListColumns, unknown>>(subquery: T): { [K in keyof typeof storyListColumns]: T[K] } {
  const keys = Object.keys(storyListColumns) as (keyof typeof storyListColumns)[];
  return Object.fromEntries(keys.map((key) => [key, subquery[key]])) as { [K in keyof typeof storyListColumns]: T[K] };
}

/** How many stories match `where`, counting no further than `cap`. */
async function countUpTo(db: Reader, where: SQL, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  const matches = db.select({ one: sql`1`.as('one') }).from(stories).where(where).limit(cap).as('matches');
  const [row] = await db.select({ n: count() }).from(matches);
  return Number(row?.n ?? 0);
}
