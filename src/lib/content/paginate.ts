// Splits a listing into numbered pages. Page numbers start at 1; a page past the end is
// reported as missing so the route can answer 404.

export const PAGE_SIZE = 12;

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export function paginate<T>(items: readonly T[], page: number, size = PAGE_SIZE): Page<T> | undefined {
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  return { items: items.slice((page - 1) * size, page * size), page, pages, total: items.length };
}

/**
 * Page number from a rest route parameter: none is page 1, "page/2" is 2; "page/1",
 * "page/02" and anything else are not pages (one URL per page).
 */
export function parsePageParam(param: string | undefined): number | undefined {
  if (param === undefined || param === '') return 1;
  const match = /^page\/([2-9]|[1-9]\d{1,5})\/?$/.exec(param);
  return match ? Number(match[1]) : undefined;
}

/** /business/ for page 1, /business/page/2/ after. */
export function pagePath(base: string, page: number): string {
  return page === 1 ? base : `${base}page/${page}/`;
}
