// What the compiler refuses, each at its line in the file (the 8 frontmatter lines counted):
// the MDX constructs of mdx-constructs.ts, misplaced locked parts, frontmatter problems and
// the errors of the per-file content checks.
import { describe, expect, it } from 'vitest';
import { compileStory } from '../../src/lib/content/compile-story.ts';
import { routesFromPageFiles } from '../../src/lib/content-checks/site-routes.ts';
import { ESM_MESSAGE } from '../../src/lib/content/mdx-constructs.ts';
import { PLACEHOLDER_MARKER } from '../../src/lib/new-story/story-template.ts';
import { BODY_LINE, CONTEXT, FRONTMATTER, refused, storyFile } from './compile-story-helpers.ts';

const lines = (problems: { line: number }[]) => problems.map((p) => p.line);

describe('compileStory: refused constructs', () => {
  it('refuses the story that imports KeyInsights, at the import line', () => {
    const problems = refused("import KeyInsights from '../components/mdx/KeyInsights.astro';\n\nText.");
    expect(problems).toEqual([{ line: BODY_LINE, message: ESM_MESSAGE }]);
  });

  it('refuses an export', () => {
    expect(lines(refused('Text.\n\nexport const price = 3;'))).toEqual([BODY_LINE + 2]);
  });

  it('refuses expressions and {/* comments */}', () => {
    const problems = refused('Text.\n\nThe price is {1 + 1}.\n\n{/* note */}');
    expect(problems.map((p) => [p.line, p.message.slice(0, 12)])).toEqual([
      [BODY_LINE + 2, '{1 + 1} is a'],
      [BODY_LINE + 4, 'a comment {/'],
    ]);
  });

  it('refuses unknown components and fragments', () => {
    const problems = refused('Text.\n\n<Chart data="x" />\n\n<>Loose</>');
    expect(problems.map((p) => p.line)).toEqual([BODY_LINE + 2, BODY_LINE + 4]);
    expect(problems[0]?.message).toMatch(/^<Chart> is not a component stories can use/);
    expect(problems[1]?.message).toMatch(/^a fragment <>…<\/> is not something a story can contain/);
  });

  it('refuses expression and spread attributes', () => {
    const problems = refused('Text.\n\n<PullQuote cite={author}>Hi</PullQuote>\n\n<Figure {...props} />');
    expect(problems.filter((p) => /JavaScript expression/.test(p.message)).map((p) => p.line)).toEqual([BODY_LINE + 2, BODY_LINE + 4]);
  });

  it('refuses MDX that does not parse, at its line', () => {
    expect(refused('Text.\n\nAn <unclosed tag.')[0]?.line).toBe(BODY_LINE + 2);
  });
});

describe('compileStory: misplaced locked parts', () => {
  it('refuses a locked part given twice', () => {
    const problems = refused('<KeyInsights>\n\n- One.\n\n</KeyInsights>');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(BODY_LINE + 6);
    expect(problems[0]?.message).toBe('<KeyInsights> appears a second time (the first is on line 9): a story has at most one; merge them into one');
  });

  it('refuses a locked part inside another component', () => {
    const problems = refused('<PullQuote>\n\n<ExecutiveActions>\n\n1. Act.\n\n</ExecutiveActions>\n\n</PullQuote>', { locked: false, frontmatter: FRONTMATTER });
    expect(problems.some((p) => p.line === BODY_LINE + 2 && p.message === '<ExecutiveActions> cannot sit inside <PullQuote>: put it on its own lines at the top level of the story')).toBe(true);
  });

  it('refuses a locked part inside a list or a paragraph', () => {
    expect(refused('- item <KeyInsights>Secret</KeyInsights>')).toContainEqual({
      line: BODY_LINE,
      message: '<KeyInsights> must stand on its own lines at the top level of the story, not inside a list, quote or paragraph',
    });
  });
});

describe('compileStory: frontmatter and content checks', () => {
  const withField = (from: string, to: string) => FRONTMATTER.replace(from, to);

  it('names an unknown section at its line', () => {
    const problems = refused('Text.', { frontmatter: withField('section: business', 'section: busines') });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(5);
    expect(problems[0]?.message).toMatch(/^unknown section "busines"/);
  });

  it('names an unknown author and a missing headline', () => {
    const frontmatter = withField('authors: [jane-doe]', 'authors: [jane-doe, nobody]').replace(/title: .*\n/, '');
    expect(refused('Text.', { frontmatter }).map((p) => p.message.slice(0, 29))).toEqual(['title: a headline is required', 'unknown author "nobody": it m']);
  });

  it('refuses a file without frontmatter', () => {
    const result = compileStory('articles/x.mdx', 'Just text.', CONTEXT);
    expect(result.ok ? [] : result.problems[0]?.message).toMatch(/^the file has no frontmatter/);
  });

  it('refuses a lead image the browser would not load', () => {
    const frontmatter = withField('publishedAt:', 'image:\n  src: ./lead.jpg\n  alt: A quay\npublishedAt:');
    expect(refused('Text.', { frontmatter })).toEqual([
      { line: 8, message: 'the lead image src "./lead.jpg" will not load: the browser reads it as written, so put the file in public/ and write its site path, e.g. src="/images/lead.jpg"' },
    ]);
  });

  it('refuses a story without its locked parts, as check:content does', () => {
    const problems = refused('Text.', { locked: false });
    expect(problems.map((p) => p.message.slice(0, 38))).toEqual(['the story has no <KeyInsights> part: e', 'the story has no <ExecutiveActions> pa']);
  });

  it('refuses a <Figure> without alt text and a leftover placeholder', () => {
    const problems = refused(`<Figure src="/images/q.jpg" />\n\n${PLACEHOLDER_MARKER}: the figure.`);
    expect(problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [BODY_LINE, '<Figure> without alt text: add'],
      [BODY_LINE + 2, 'placeholder text left from new'],
    ]);
  });

  it('accepts the same story with everything in order', () => {
    expect(compileStory('articles/x.mdx', storyFile('Text.'), CONTEXT).ok).toBe(true);
  });

  it('checks links to the site and files in public/ only when given the site', () => {
    const body = 'See [the markets page](/nowhere-at-all/) and ![A chart](/charts/none.png).';
    expect(compileStory('articles/x.mdx', storyFile(body), CONTEXT).ok).toBe(true);
    const site = { articles: [], routes: routesFromPageFiles(['[section]/index.astro']), publicFiles: ['/favicon.svg'], siteUrl: 'https://news.example.com', now: new Date('2026-11-24T12:00:00Z') };
    const result = compileStory('articles/x.mdx', storyFile(body), { ...CONTEXT, site });
    expect(result.ok ? [] : result.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [BODY_LINE, 'image /charts/none.png is not '],
      [BODY_LINE, 'broken link to /nowhere-at-all'],
    ]);
  });
});
