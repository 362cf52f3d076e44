// Search for the /search/ page: searchStories (search-stories.ts) on the process's database,
// with each query's total kept until content changes: the count is the costliest statement of
// a common word's page, the same on every page of it, and it changes only when a story is
// saved, published, scheduled in or taken down (each announced, on every instance).
import { getDb } from '../db/database.ts';
import { MAX_QUERY_LENGTH, SEARCH_PAGE_SIZE } from '../../lib/search/search-query.ts';
import { jsonBytes, keptUntilContentChanges } from '../content/kept-until-content-changes.ts';
import { searchStories, type SearchResult, type SearchResults, type SearchTotals } from './search-stories.ts';

export type { SearchResult, SearchResults };

/** At least 1,000 queries' totals: each counted as its longest key (two bytes a character) and its number. */
const keptTotals = keptUntilContentChanges<{ total: number }>({ maxBytes: 512 * 1024, ttlMs: 5 * 60_000, bytesOf: (value) => jsonBytes(value) + 2 * MAX_QUERY_LENGTH });

const totals: SearchTotals = {
  get: async (query, count) => (await keptTotals.get(query, async () => ({ total: await count() }))).total,
};

/** One page of public stories matching `query` at `now`, best first, with the total. */
export async function search(query: string, now: Date, page = 1, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResults> {
  return searchStories(await getDb(), query, now, page, pageSize, totals);
}
