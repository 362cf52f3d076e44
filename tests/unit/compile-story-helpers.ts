// Builds story files for the compiler's tests: a fixed frontmatter (8 lines, so the body's
// first line is line 9 of the file), the body under test, and by default both locked parts.
import { expect } from 'vitest';
import { compileStory } from '../../src/lib/content/compile-story.ts';
import type { CompileContext, CompiledStory, StoryProblem } from '../../src/lib/content/compiled-story.ts';

export const CONTEXT: CompileContext = { sections: ['business', 'markets'], authors: ['jane-doe', 'omar-haddad'] };

export const FRONTMATTER = [
  '---',
  'title: "Harbour Bank lifts its dividend"',
  'dek: "The payout rises for the first time in four years."',
  'summary: "Harbour Bank raised its dividend by a fifth."',
  'section: business',
  'authors: [jane-doe]',
  'publishedAt: 2026-07-02T06:45:00Z',
  '---',
].join('\n');

/** File line of the body's first line. */
export const BODY_LINE = 9;

export const LOCKED_WORDS = { insight: 'zebracrossing', action: 'quartermaster' } as const;

export const LOCKED_PARTS = `<KeyInsights>

- The ${LOCKED_WORDS.insight} point an executive can act on.

</KeyInsights>

<ExecutiveActions>

1. Call the ${LOCKED_WORDS.action} before Friday.

</ExecutiveActions>`;

/** A whole file: the frontmatter, the body, and (unless `locked` is false) both locked parts. */
export function storyFile(body: string, { locked = true, frontmatter = FRONTMATTER } = {}): string {
  return `${frontmatter}\n${body}${locked ? `\n\n${LOCKED_PARTS}\n` : '\n'}`;
}

export function compile(body: string, options?: Parameters<typeof storyFile>[1]) {
  return compileStory('articles/harbour-bank.mdx', storyFile(body, options), CONTEXT);
}

/** The compiled story, failing the test with the problems when it was refused. */
export function compiled(body: string, options?: Parameters<typeof storyFile>[1]): CompiledStory {
  const result = compile(body, options);
  if (!result.ok) expect.fail(`refused: ${JSON.stringify(result.problems)}`);
  return result.story;
}

/** The problems, failing the test when the story compiled. */
export function refused(body: string, options?: Parameters<typeof storyFile>[1]): StoryProblem[] {
  const result = compile(body, options);
  if (result.ok) expect.fail('the story compiled, but it should have been refused');
  return result.problems;
}

/** The free HTML without the markers of the default locked parts. */
export function freeHtml(body: string): string {
  return compiled(body).publicHtml.replace(/\n?<!--masthead:locked:[a-z-]+-->/g, '');
}
