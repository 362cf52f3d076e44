import { describe, expect, it } from 'vitest';
import { publicText } from '../../src/lib/content/public-text.ts';
import { buildSearchIndex, MAX_QUERY_LENGTH, normalizeQuery, searchStories, type SearchDocument } from '../../src/lib/search/search-index.ts';

const doc = (slug: string, fields: Partial<SearchDocument> = {}): SearchDocument => ({ slug, title: '', dek: '', summary: '', body: '', ...fields });

const docs = [
  doc('arkwell-plant', {
    title: 'Arkwell starts output at Spanish plant',
    dek: 'A bet on phosphate cells',
    body: 'The first line near Zaragoza will supply lithium iron phosphate cells to European carmakers.',
  }),
  doc('tariffs', {
    title: 'Carmakers brace for tariffs',
    body: 'Brussels weighs duties on imported batteries as Zaragoza and other plants ramp up.',
  }),
  doc('zaragoza-jobs', { title: 'Zaragoza hiring boom', body: 'Factories in the region are hiring engineers.' }),
  doc('orsted', { title: 'Wind developer cuts outlook', body: 'Shares of Ørsted fell after the Danish company cut its outlook.' }),
];
const index = buildSearchIndex(docs);
const found = (query: string) => searchStories(index, query).map((hit) => hit.slug);

describe('searchStories', () => {
  it('finds a story by a word that appears only in its body', () => {
    expect(found('lithium')).toEqual(['arkwell-plant']);
  });

  it('finds a story by a word of its dek', () => {
    expect(found('bet')).toEqual(['arkwell-plant']);
  });

  it('ranks a title match above a body-only match', () => {
    expect(found('zaragoza')[0]).toBe('zaragoza-jobs');
    expect(found('zaragoza')).toEqual(expect.arrayContaining(['arkwell-plant', 'tariffs']));
  });

  it('ignores case', () => {
    expect(found('LITHIUM')).toEqual(['arkwell-plant']);
  });

  it('needs every word of the query to match', () => {
    expect(found('zaragoza lithium')).toEqual(['arkwell-plant']);
    expect(found('lithium brussels')).toEqual([]);
  });

  it('finds the start of a longer word', () => {
    expect(found('batter')).toEqual(['tariffs']);
  });

  it('forgives a typo in a long word', () => {
    expect(found('zaragosa')).toContain('zaragoza-jobs');
  });

  it('finds a name with a letter outside ASCII', () => {
    expect(found('Ørsted')).toEqual(['orsted']);
  });

  it('reports the words that matched, so the snippet can mark them', () => {
    expect(searchStories(index, 'Lithium')[0]?.terms).toEqual(['lithium']);
  });

  it.each([
    { name: 'an empty query', query: '' },
    { name: 'a query of spaces', query: '   \n\t ' },
    { name: 'a word no story uses', query: 'zeppelin' },
  ])('finds nothing for $name', ({ query }) => {
    expect(searchStories(index, query)).toEqual([]);
  });

  it('never finds a word that appears only in a locked part, when given the public text', () => {
    const mdx = 'Free paragraph about copper.\n\n<KeyInsights>\n\n- Quietly buy molybdenum futures.\n\n</KeyInsights>';
    const lockedIndex = buildSearchIndex([doc('metals', { title: 'Metals', body: publicText(mdx) })]);
    expect(searchStories(lockedIndex, 'copper').map((h) => h.slug)).toEqual(['metals']);
    expect(searchStories(lockedIndex, 'molybdenum')).toEqual([]);
  });
});

describe('normalizeQuery', () => {
  it.each([
    { name: 'trims the ends', raw: '  tariffs  ', query: 'tariffs' },
    { name: 'collapses runs of whitespace to one space', raw: 'electric \n\t  vehicles', query: 'electric vehicles' },
    { name: 'turns null into an empty query', raw: null, query: '' },
    { name: 'turns undefined into an empty query', raw: undefined, query: '' },
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
    const raw = `a${' '.repeat(500)}b`;
    expect(normalizeQuery(raw)).toBe('a b');
  });
});
