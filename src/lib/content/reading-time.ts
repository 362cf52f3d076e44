// Minutes a reader needs for the text in front of them. 230 words a minute is the usual
// figure for attentive reading of news prose.

export const WORDS_PER_MINUTE = 230;

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%$-]*/gu);
  return words ? words.length : 0;
}

export function readingMinutes(words: number): number {
  if (words <= 0) return 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
