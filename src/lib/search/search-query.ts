// What a reader typed into search, made safe to hand to the database: white space folded, cut
// to MAX_QUERY_LENGTH (longer input is cut, not refused), and the results page asked for.
// The words themselves go to PostgreSQL's websearch_to_tsquery as a bound parameter
// (src/server/search/search-stories.ts), which accepts any text without a syntax error.

/** Longest query accepted; longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

/** Results shown on one page of /search/. */
export const SEARCH_PAGE_SIZE = 20;

/** Highest results page answered: deep offsets cost the database and no reader goes there. */
export const MAX_SEARCH_PAGE = 50;

export function normalizeQuery(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

/**
 * The results page from the `page` parameter: absent is 1; "2" to MAX_SEARCH_PAGE as written
 * (no sign, no leading zero, no fraction); anything else is undefined, so the page can say so.
 */
export function parseSearchPage(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === '' || raw === '1') return 1;
  if (!/^[1-9]\d{0,3}$/.test(raw)) return undefined;
  const page = Number(raw);
  return page <= MAX_SEARCH_PAGE ? page : undefined;
}

/** How many results pages `total` results fill: at least 1 (an empty search has page 1), at
 * most MAX_SEARCH_PAGE (the rest are not offered; a narrower query finds them). */
export function searchPageCount(total: number, size = SEARCH_PAGE_SIZE): number {
  return Math.min(MAX_SEARCH_PAGE, Math.max(1, Math.ceil(total / size)));
}

/** The URL of one results page: /search/?q=… for page 1, &page=n after. */
export function searchPagePath(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search/?${params.toString()}`;
}

/** The heading over the results, as the page has always worded it. */
export function resultsHeading(query: string, total: number): string {
  if (total === 0) return `No stories match “${query}”.`;
  return `${total} ${total === 1 ? 'story matches' : 'stories match'} “${query}”`;
}
