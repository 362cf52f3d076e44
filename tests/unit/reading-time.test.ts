import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes, WORDS_PER_MINUTE } from '../../src/lib/content/reading-time.ts';

describe('countWords', () => {
  it.each([
    { name: 'counts nothing in an empty text', text: '', words: 0 },
    { name: 'counts nothing in whitespace and punctuation alone', text: '  \n\t — … !? ', words: 0 },
    { name: 'counts words separated by spaces and line breaks', text: 'Markets rose\nsharply  on\tTuesday', words: 5 },
    { name: 'does not count a spaced dash as a word', text: 'Sales fell — again', words: 3 },
    { name: 'counts a contraction as one word', text: "Arkwell's chief executive didn’t say", words: 5 },
    { name: 'counts a hyphenated word as one word', text: 'a mid-sized electric car', words: 4 },
    { name: 'counts figures with separators as one word each', text: '93,376 deliveries, up 3.5% to €2.4 billion', words: 7 },
    { name: 'counts words in other scripts and with accents', text: 'Zürich café Ørsted Москва', words: 4 },
  ])('$name', ({ text, words }) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('readingMinutes', () => {
  it.each([
    { name: 'no words take no time', words: 0, minutes: 0 },
    { name: 'a negative count takes no time', words: -5, minutes: 0 },
    { name: 'one word still reads as a minute', words: 1, minutes: 1 },
    { name: 'a short text reads as at least a minute', words: WORDS_PER_MINUTE / 3, minutes: 1 },
    { name: `${WORDS_PER_MINUTE} words read in a minute`, words: WORDS_PER_MINUTE, minutes: 1 },
    { name: 'rounds down below the half minute', words: WORDS_PER_MINUTE * 2 + 100, minutes: 2 },
    { name: 'rounds up from the half minute', words: WORDS_PER_MINUTE * 2 + 115, minutes: 3 },
    { name: 'a long feature reads in proportion', words: WORDS_PER_MINUTE * 12, minutes: 12 },
  ])('$name', ({ words, minutes }) => {
    expect(readingMinutes(words)).toBe(minutes);
  });

  it('reads at 230 words a minute, the usual figure for news prose', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
  });
});
