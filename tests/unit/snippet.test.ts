import { describe, expect, it } from 'vitest';
import { snippet, type SnippetPart } from '../../src/lib/search/snippet.ts';

const marked = (parts: SnippetPart[]) => parts.filter((p) => p.match).map((p) => p.text);
const plain = (parts: SnippetPart[]) => parts.map((p) => p.text).join('');

const long = [
  'Arkwell Energy has started commercial production at its battery cell plant outside Zaragoza,',
  'making it one of the first European-owned manufacturers to produce lithium iron phosphate cells',
  'at industrial scale on the continent. The first of four lines began shipping cells this month,',
  'the company said on Tuesday, and it plans to bring the remaining lines online in stages by 2028.',
].join(' ');

describe('snippet', () => {
  it.each([
    { name: 'marks a matched word', text: 'Tariffs rose again.', terms: ['tariffs'], marks: ['Tariffs'] },
    { name: 'marks every occurrence', text: 'Cells, more cells and cells.', terms: ['cells'], marks: ['Cells', 'cells', 'cells'] },
    { name: 'marks the whole word when the term is its start', text: 'Imported batteries face duties.', terms: ['batter'], marks: ['batteries'] },
    { name: 'marks several terms', text: 'Zaragoza plant ships lithium cells.', terms: ['lithium', 'zaragoza'], marks: ['Zaragoza', 'lithium'] },
    { name: 'marks only at the start of a word', text: 'A scar on the car.', terms: ['car'], marks: ['car'] },
    { name: 'marks a word that begins with a letter outside ASCII', text: 'Shares of Ørsted fell.', terms: ['ørsted'], marks: ['Ørsted'] },
    { name: 'marks an accented word in the middle of a sentence', text: 'Prices at the école rose.', terms: ['école'], marks: ['école'] },
    { name: 'treats regular expression characters in a term as text', text: 'C++ jobs at aXb and a.b', terms: ['c++', 'a.b'], marks: ['C++', 'a.b'] },
    { name: 'marks nothing when no term is given', text: 'Tariffs rose again.', terms: [], marks: [] },
    { name: 'ignores empty terms', text: 'Tariffs rose again.', terms: ['', 'rose'], marks: ['rose'] },
  ])('$name', ({ text, terms, marks }) => {
    expect(marked(snippet(text, terms))).toEqual(marks);
  });

  it('returns a short text whole, without ellipses', () => {
    const text = 'Tariffs rose again on Tuesday.';
    expect(plain(snippet(text, ['again']))).toBe(text);
  });

  it('returns the start of the text when no term matches', () => {
    const parts = snippet(long, ['zeppelin'], 40);
    expect(marked(parts)).toEqual([]);
    expect(plain(parts).startsWith('Arkwell Energy')).toBe(true);
    expect(plain(parts).endsWith(' …')).toBe(true);
  });

  it('adds an ellipsis on each side where the text goes on', () => {
    const text = plain(snippet(long, ['phosphate'], 40));
    expect(text.startsWith('… ')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
  });

  it('adds no leading ellipsis when the match is near the start', () => {
    const text = plain(snippet(long, ['energy'], 40));
    expect(text.startsWith('Arkwell Energy')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
  });

  it('adds no trailing ellipsis when the match is near the end', () => {
    const text = plain(snippet(long, ['2028'], 40));
    expect(text.startsWith('… ')).toBe(true);
    expect(text.endsWith('by 2028.')).toBe(true);
  });

  it('shows the words around the first match, cut at spaces, not inside words', () => {
    const text = plain(snippet(long, ['phosphate'], 40)).replace(/^… /, '').replace(/ …$/, '');
    expect(text).toContain('phosphate');
    expect(long).toContain(text);
    const words = new Set(long.split(' '));
    for (const word of text.split(' ')) expect(words.has(word)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(80);
  });

  it('gives back the text of the window unchanged, only split into parts', () => {
    const text = 'Arkwell makes LFP cells; Arkwell ships cells.';
    expect(plain(snippet(text, ['arkwell', 'cells']))).toBe(text);
  });
});
