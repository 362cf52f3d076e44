// The snippet of each story on a search results page (src/server/search/search-stories.ts):
// ts_headline over the part of the story the query matches, for the page's rows only. Whether
// the body matches is read from the stored search_document (its weight-C lexemes, the body's),
// not by parsing public_text again; only ts_headline itself reads the text.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { stories } from '../../../db/schema/content.ts';
import { HEADLINE_START, HEADLINE_STOP, snippetFromHeadline, type SnippetPart } from '../../lib/search/snippet.ts';

/** ts_headline's options: our markers, and a passage of 15 to 35 words around the matches. */
const HEADLINE_OPTIONS = `StartSel="${HEADLINE_START}", StopSel="${HEADLINE_STOP}", MaxWords=35, MinWords=15, ShortWord=3`;

/** What the search's queries need of a database handle: a Db or a transaction on one. */
export type Reader = Pick<Db, 'select' | 'execute'>;

/** The reader's words as a tsquery; websearch_to_tsquery accepts any text without an error. */
export const tsQuery = (query: string): SQL => sql`websearch_to_tsquery('english', ${query})`;

/**
 * The snippet of each story: ts_headline over public_text where the whole query matches there,
 * else over the summary where it does, else the dek (a title or dek match).
 */
export async function snippetsFor(db: Reader, query: string, ids: readonly number[]): Promise<Map<number, SnippetPart[]>> {
  if (ids.length === 0) return new Map();
  const inBody = sql`ts_filter(${stories.searchDocument}, '{c}') @@ ${tsQuery(query)}`;
  const inSummary = sql`to_tsvector('english', ${stories.summary}) @@ ${tsQuery(query)}`;
  const fields = db
    .select({
      id: stories.id,
      field: sql<string>`case when ${inBody} then ${stories.publicText} when ${inSummary} then ${stories.summary} else ${stories.dek} end`.as('field'),
    })
    .from(stories)
    .where(inArray(stories.id, [...ids]))
    .as('fields');
  const rows = await db
    .select({ id: fields.id, field: fields.field, headline: sql<string>`ts_headline('english', ${fields.field}, ${tsQuery(query)}, ${HEADLINE_OPTIONS})` })
    .from(fields);
  return new Map(rows.map((r) => [Number(r.id), snippetFromHeadline(r.headline, r.field)]));
}
