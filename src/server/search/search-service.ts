// Search for the /search/ page: searchStories (search-stories.ts) on the process's database.
import { getDb } from '../db/database.ts';
import { SEARCH_PAGE_SIZE } from '../../lib/search/search-query.ts';
import { searchStories, type SearchResult, type SearchResults } from './search-stories.ts';

export type { SearchResult, SearchResults };

/** One page of public stories matching `query` at `now`, best first, with the total. */
export async function search(query: string, now: Date, page = 1, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResults> {
  return searchStories(await getDb(), query, now, page, pageSize);
}
