import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_LENGTH,
  MAX_SEARCH_PAGE,
  normalizeQuery,
  parseSearchPage,
  resultsHeading,
  searchPageCount,
  searchPagePath,
} from '../../src/lib/search/search-query.ts';

describe('normalizeQuery', () => {
  it.each([
    { name: 'trims the ends', raw: '  tariffs  ', query: 'tariffs' },
    { name: 'collapses runs of whitespace to one space', raw: 'electric \n\t  vehicles', query: 'electric vehicles' },
    { name: 'turns null into an empty query', raw: null, query: '' },
    { name: 'turns undefined into an empty query', raw: undefined, query: '' },
    { name: 'turns a query of spaces into an empty query', raw: '   \n\t ', query: '' },
  ])('$name', ({ raw, query }) => {
    expect(normalizeQuery(raw)).toBe(query);
  });

  it(`cuts a query longer than ${MAX_QUERY_LENGTH} characters rather than refusing it`, () => {
    const raw = 'word '.repeat(100);
    const query = normalizeQuery(raw);
    expect(query).toHaveLength(MAX_QUERY_LENGTH);
    expect(raw.startsWith(query)).toBe(true);
  });

  it(`keeps a query of exactly ${MAX_QUERY_LENGTH} characters whole`, () => {
    const raw = 'x'.repeat(MAX_QUERY_LENGTH);
    expect(normalizeQuery(raw)).toBe(raw);
  });

  it('counts the length after collapsing whitespace', () => {
    expect(normalizeQuery(`a${' '.repeat(500)}b`)).toBe('a b');
  });
});

describe('parseSearchPage', () => {
  it.each([
    { raw: null, page: 1 },
    { raw: undefined, page: 1 },
    { raw: '', page: 1 },
    { raw: '1', page: 1 },
    { raw: '2', page: 2 },
    { raw: String(MAX_SEARCH_PAGE), page: MAX_SEARCH_PAGE },
  ])('reads $raw as page $page', ({ raw, page }) => {
    expect(parseSearchPage(raw)).toBe(page);
  });

  it.each(['0', '-1', '02', '1.5', '2e1', 'two', ' 2', String(MAX_SEARCH_PAGE + 1), '99999999999'])('refuses %j', (raw) => {
    expect(parseSearchPage(raw)).toBeUndefined();
  });
});

describe('searchPageCount', () => {
  it.each([
    { total: 0, pages: 1 },
    { total: 1, pages: 1 },
    { total: 20, pages: 1 },
    { total: 21, pages: 2 },
    { total: 1_000_000, pages: MAX_SEARCH_PAGE },
  ])('$total results fill $pages page(s) of 20', ({ total, pages }) => {
    expect(searchPageCount(total, 20)).toBe(pages);
  });
});

describe('searchPagePath', () => {
  it('names the query, and the page after the first', () => {
    expect(searchPagePath('copper', 1)).toBe('/search/?q=copper');
    expect(searchPagePath('copper prices', 3)).toBe('/search/?q=copper+prices&page=3');
  });

  it('encodes what would break the URL', () => {
    const url = new URL(searchPagePath('M&A "deal" #1', 2), 'https://x.test');
    expect(url.searchParams.get('q')).toBe('M&A "deal" #1');
    expect(url.searchParams.get('page')).toBe('2');
  });
});

describe('resultsHeading', () => {
  it.each([
    { total: 0, heading: 'No stories match “zeppelin”.' },
    { total: 1, heading: '1 story matches “zeppelin”' },
    { total: 42, heading: '42 stories match “zeppelin”' },
  ])('says $heading', ({ total, heading }) => {
    expect(resultsHeading('zeppelin', total)).toBe(heading);
  });
});
