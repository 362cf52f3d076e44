// Search for the /search/ page: searchStories (search-stories.ts) on the process's database,
// with each query's total kept until content changes (src/server/content/kept-totals.ts).
import { getDb } from '../db/database.ts';
import { SEARCH_PAGE_SIZE } from '../../lib/search/search-query.ts';
import { keptTotal } from '../content/kept-totals.ts';
import { searchStories, type SearchResult, type SearchResults, type SearchTotals } from './search-stories.ts';

export type { SearchResult, SearchResults };

const totals: SearchTotals = { get: (query, count) => keptTotal(`search:${query}`, count) };

/** One page of public stories matching `query` at `now`, best first, with the total. */
export async function search(query: string, now: Date, page = 1, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResults> {
  return searchStories(await getDb(), query, now, page, pageSize, totals);
}
