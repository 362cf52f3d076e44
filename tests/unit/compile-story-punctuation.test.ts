// Typographic punctuation as Astro's Markdown gave it (smartypants on by default): quotes
// curled by position, dashes and ellipses, in text only, never in code.
import { describe, expect, it } from 'vitest';
import { smartenText } from '../../src/lib/content/smart-punctuation.ts';
import { compiled, freeHtml } from './compile-story-helpers.ts';

describe('smart punctuation', () => {
  it('curls quotes by position and turns dashes and dots into their characters', () => {
    expect(smartenText(`"It's 'late' -- or --- so..." (she said 'no')`, '')).toBe('“It’s ‘late’ – or — so…” (she said ‘no’)');
  });

  it('carries on across emphasis and leaves code alone', () => {
    expect(freeHtml(`"*Growth*," he said. \`"raw" -- code\``)).toBe('<p>“<em>Growth</em>,” he said. <code>"raw" -- code</code></p>');
    expect(freeHtml('```\n"fenced" -- code\n```')).toBe('<pre><code>"fenced" -- code\n</code></pre>');
  });

  it('gives the free text the same punctuation as the page', () => {
    expect(compiled(`It's "done".`).publicText).toBe('It’s “done”.');
  });
});
