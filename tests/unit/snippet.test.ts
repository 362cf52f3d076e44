import { describe, expect, it } from 'vitest';
import { HEADLINE_START as S, HEADLINE_STOP as E, headlineParts, headlinePlainText, snippetFromHeadline, type SnippetPart } from '../../src/lib/search/snippet.ts';

const marked = (parts: SnippetPart[]) => parts.filter((p) => p.match).map((p) => p.text);
const plain = (parts: SnippetPart[]) => parts.map((p) => p.text).join('');

describe('headlineParts', () => {
  it('splits a headline into plain and matched parts, in order', () => {
    expect(headlineParts(`Plants near ${S}Zaragoza${E} ship ${S}lithium${E} cells.`)).toEqual([
      { text: 'Plants near ', match: false },
      { text: 'Zaragoza', match: true },
      { text: ' ship ', match: false },
      { text: 'lithium', match: true },
      { text: ' cells.', match: false },
    ]);
  });

  it('keeps adjacent matches apart', () => {
    expect(marked(headlineParts(`${S}lithium${E} ${S}iron${E} ${S}phosphate${E}`))).toEqual(['lithium', 'iron', 'phosphate']);
  });

  it('gives markup back as text, for the page to escape', () => {
    const parts = headlineParts(`<script>alert(1)</script> ${S}lithium${E} & <b>more</b>`);
    expect(plain(parts)).toBe('<script>alert(1)</script> lithium & <b>more</b>');
    expect(marked(parts)).toEqual(['lithium']);
  });

  it('lets no marker through, even stray or unbalanced ones', () => {
    const parts = headlineParts(`a${E}b ${S}c${S}d${E}e ${S}f`);
    for (const p of parts) expect(p.text).not.toMatch(/[\uE000\uE001]/);
    expect(plain(parts)).toBe('ab cde f');
    expect(marked(parts)).toEqual(['c', 'd', 'f']);
  });

  it('handles letters outside ASCII and an empty headline', () => {
    expect(marked(headlineParts(`Shares of ${S}Ørsted${E} fell at the ${S}école${E}.`))).toEqual(['Ørsted', 'école']);
    expect(headlineParts('')).toEqual([]);
  });
});

describe('snippetFromHeadline', () => {
  const field = 'Arkwell Energy has started production near Zaragoza.\n\nThe first of four lines began shipping cells this month, the company said.';

  it('adds no ellipsis when the passage is the whole field', () => {
    expect(plain(snippetFromHeadline(`${S}Arkwell${E} Energy has started production near Zaragoza.\n\nThe first of four lines began shipping cells this month, the company said.`, field))).not.toContain('…');
  });

  it('adds a trailing ellipsis when the field goes on', () => {
    const text = plain(snippetFromHeadline(`${S}Arkwell${E} Energy has started production`, field));
    expect(text).toBe('Arkwell Energy has started production …');
  });

  it('adds a leading ellipsis when the passage starts inside the field', () => {
    const text = plain(snippetFromHeadline(`the ${S}company${E} said.`, field));
    expect(text).toBe('… the company said.');
  });

  it('adds both when the passage is in the middle, matching across folded white space', () => {
    const parts = snippetFromHeadline(`near Zaragoza.\n\nThe first of four ${S}lines${E}`, field);
    expect(plain(parts)).toBe('… near Zaragoza.\n\nThe first of four lines …');
    expect(marked(parts)).toEqual(['lines']);
  });

  it('headlinePlainText drops the markers only', () => {
    expect(headlinePlainText(`${S}a${E} b`)).toBe('a b');
  });
});
