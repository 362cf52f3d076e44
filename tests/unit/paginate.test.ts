import { describe, expect, it } from 'vitest';
import { isPageWithin, pageCount, pageFromSlice, pageOffset, pagePath, parsePageParam } from '../../src/lib/content/paginate.ts';

describe('parsePageParam', () => {
  it.each([
    { param: undefined, page: 1 },
    { param: '', page: 1 },
    { param: 'page/2', page: 2 },
    { param: 'page/2/', page: 2 },
    { param: 'page/9', page: 9 },
    { param: 'page/10', page: 10 },
    { param: 'page/123456', page: 123456 },
  ])('reads "$param" as page $page', ({ param, page }) => {
    expect(parsePageParam(param)).toBe(page);
  });

  it.each([
    { param: 'page/1', why: 'page 1 has one URL, without /page/1/' },
    { param: 'page/0', why: 'there is no page 0' },
    { param: 'page/02', why: 'a padded number would be a second URL for page 2' },
    { param: 'page/-2', why: 'pages are positive' },
    { param: 'page/2.5', why: 'pages are whole' },
    { param: 'page/', why: 'a page needs a number' },
    { param: 'page/two', why: 'a page needs digits' },
    { param: 'page/2/extra', why: 'nothing may follow the number' },
    { param: 'pages/2', why: 'only "page/" introduces a number' },
    { param: '2', why: 'only "page/" introduces a number' },
    { param: 'page/1234567', why: 'absurdly large numbers are refused' },
  ])('does not read "$param" as a page: $why', ({ param }) => {
    expect(parsePageParam(param)).toBeUndefined();
  });
});

describe('pagePath', () => {
  it.each([
    { base: '/business/', page: 1, path: '/business/' },
    { base: '/business/', page: 2, path: '/business/page/2/' },
    { base: '/tags/electric-vehicles/', page: 14, path: '/tags/electric-vehicles/page/14/' },
  ])('page $page of $base is $path', ({ base, page, path }) => {
    expect(pagePath(base, page)).toBe(path);
  });

  it('gives back a path that parsePageParam reads as the same page', () => {
    for (const page of [2, 3, 10, 99]) {
      const param = pagePath('/business/', page).slice('/business/'.length);
      expect(parsePageParam(param)).toBe(page);
    }
  });
});

describe('pages the database cut', () => {
  it.each([
    { total: 0, size: 10, pages: 1 },
    { total: 1, size: 10, pages: 1 },
    { total: 10, size: 10, pages: 1 },
    { total: 11, size: 10, pages: 2 },
    { total: 13_000, size: 20, pages: 650 },
  ])('$total items of $size a page make $pages pages', ({ total, size, pages }) => {
    expect(pageCount(total, size)).toBe(pages);
  });

  it('starts page n after the items of the pages before it', () => {
    expect([pageOffset(1, 20), pageOffset(2, 20), pageOffset(500, 20)]).toEqual([0, 20, 9980]);
  });

  it('wraps a slice with its page, page count and total', () => {
    expect(pageFromSlice(['x', 'y'], 12, 2, 10)).toEqual({ items: ['x', 'y'], page: 2, pages: 2, total: 12 });
  });

  it('gives an empty listing its first page', () => {
    expect(pageFromSlice([], 0, 1, 10)).toEqual({ items: [], page: 1, pages: 1, total: 0 });
  });

  it.each([0, -1, 1.5, 3, Number.NaN])('reports page %s of 12 items (10 a page) as missing', (page) => {
    expect(isPageWithin(page, 12, 10)).toBe(false);
    expect(pageFromSlice([], 12, page, 10)).toBeUndefined();
  });
});
