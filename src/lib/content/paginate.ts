// Splits a listing into numbered pages. Page numbers start at 1; a page past the end is
// reported as missing so the route can answer 404.

export const PAGE_SIZE = 12;

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** How many pages `total` items make; an empty listing still has its first page. */
export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Whether `page` is a whole page number from 1 to the last page of `total` items. */
export function isPageWithin(page: number, total: number, size = PAGE_SIZE): boolean {
  return Number.isInteger(page) && page >= 1 && page <= pageCount(total, size);
}

/** Offset of the first item of `page` (limit/offset queries). */
export function pageOffset(page: number, size = PAGE_SIZE): number {
  return (page - 1) * size;
}

/**
 * A page the database already cut (listPublicStories in src/server/content/story-lists.ts
 * gives one page's items and the total): undefined past the end, so the route answers 404.
 */
export function pageFromSlice<T>(items: readonly T[], total: number, page: number, size = PAGE_SIZE): Page<T> | undefined {
  if (!isPageWithin(page, total, size)) return undefined;
  return { items: [...items], page, pages: pageCount(total, size), total };
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
