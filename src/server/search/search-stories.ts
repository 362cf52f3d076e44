// Search over the free text of public stories, in PostgreSQL: the generated stories.search_document
// (title, dek, summary and public_text, weighted A/B/B/C; db/schema/content.ts) matched with
// websearch_to_tsquery, ranked by ts_rank_cd then recency, one page at a time with the total,
// and a ts_headline snippet for each story on the page. The same SQL runs on PGlite and
// PostgreSQL. No locked part is in search_document or public_text, so none can be found or
// quoted; story_locked_parts is never read here.
import { and, count, desc, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories } from '../../../db/schema/content.ts';
import type { Story } from '../../lib/content/story.ts';
import { normalizeQuery, SEARCH_PAGE_SIZE } from '../../lib/search/search-query.ts';
import { HEADLINE_START, HEADLINE_STOP, snippetFromHeadline, type SnippetPart } from '../../lib/search/snippet.ts';
import { newestFirst, publicAt, rowToStory, storyListColumns } from '../content/story-rows.ts';

export interface SearchResult {
  story: Story;
  snippet: SnippetPart[];
}

export interface SearchResults {
  items: SearchResult[];
  /** Every public story the query matches, on all pages. */
  total: number;
}

/** ts_rank_cd's weights for D, C, B, A: a title word (A) counts five times a body word (C). */
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

/** ts_headline's options: our markers, and a passage of 15 to 35 words around the matches. */
const HEADLINE_OPTIONS = `StartSel="${HEADLINE_START}", StopSel="${HEADLINE_STOP}", MaxWords=35, MinWords=15, ShortWord=3`;

const tsQuery = (query: string): SQL => sql`websearch_to_tsquery('english', ${query})`;

/**
 * One page of the public stories (at `now`) matching `rawQuery`, best first. An empty query
 * (after normalizeQuery) matches nothing and costs no query; a query of stop words only
 * ("the and") becomes an empty tsquery in the database and matches nothing either.
 */
export async function searchStories(db: Db, rawQuery: string, now: Date, page = 1, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResults> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`searchStories: page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`searchStories: pageSize must be a whole number from 1, not ${pageSize}`);
  const query = normalizeQuery(rawQuery);
  if (!query) return { items: [], total: 0 };
  const matching = and(publicAt(now), sql`${stories.searchDocument} @@ ${tsQuery(query)}`);
  const rank = sql`ts_rank_cd(${RANK_WEIGHTS}::real[], ${stories.searchDocument}, ${tsQuery(query)})`;
  const rows = await db
    .select({ ...storyListColumns, total: sql<number>`(count(*) over ())::int` })
    .from(stories)
    .where(matching)
    .orderBy(desc(rank), ...newestFirst)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // Past the last page the window has no row to carry the total: count apart.
  const total = rows[0] ? Number(rows[0].total) : page > 1 ? Number((await db.select({ n: count() }).from(stories).where(matching))[0]?.n ?? 0) : 0;
  const snippets = await snippetsFor(db, query, rows.map((r) => r.id));
  return { items: rows.map((row) => ({ story: rowToStory(row), snippet: snippets.get(row.id) ?? [] })), total };
}

/**
 * The snippet of each story: ts_headline over public_text where the whole query matches there,
 * else over the summary or the dek where it does, else the dek (a title-only match).
 */
async function snippetsFor(db: Db, query: string, ids: readonly number[]): Promise<Map<number, SnippetPart[]>> {
  if (ids.length === 0) return new Map();
  const matchesIn = (column: typeof stories.publicText | typeof stories.summary) => sql`to_tsvector('english', ${column}) @@ ${tsQuery(query)}`;
  const fields = db
    .select({
      id: stories.id,
      field: sql<string>`case when ${matchesIn(stories.publicText)} then ${stories.publicText} when ${matchesIn(stories.summary)} then ${stories.summary} else ${stories.dek} end`.as('field'),
    })
    .from(stories)
    .where(inArray(stories.id, [...ids]))
    .as('fields');
  const rows = await db
    .select({ id: fields.id, field: fields.field, headline: sql<string>`ts_headline('english', ${fields.field}, ${tsQuery(query)}, ${HEADLINE_OPTIONS})` })
    .from(fields);
  return new Map(rows.map((r) => [Number(r.id), snippetFromHeadline(r.headline, r.field)]));
}
