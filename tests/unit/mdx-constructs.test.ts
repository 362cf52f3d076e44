// What MDX a story may contain. Every construct that could run or import code is refused with
// its line (one `import KeyInsights …` would show the locked part to every reader); Markdown,
// GFM, lowercase HTML and the four components are accepted, as is every story we publish.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ESM_MESSAGE, mdxConstructProblems, STORY_COMPONENTS } from '../../src/lib/content/mdx-constructs.ts';
import { checkMdxConstructs, constructProblemsInFile } from '../../src/lib/content-checks/check-mdx-constructs.ts';
import { parseFrontmatter } from '../../src/lib/content-checks/frontmatter.ts';
import { storyTemplate } from '../../src/lib/new-story/story-template.ts';
import { problemsOf } from './content-checks/fixture-index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const before = 'A first paragraph.\n\n';

describe('mdxConstructProblems refuses', () => {
  it.each([
    ['an import of a locked part', "import KeyInsights from '../../src/components/mdx/KeyInsights.astro'", ESM_MESSAGE],
    ['an export', 'export const price = 12', ESM_MESSAGE],
    ['an expression on its own line', '{revenue * 2}', '{revenue * 2} is a JavaScript expression, which stories cannot contain'],
    ['an expression in a sentence', 'Revenue rose {growth} percent.', '{growth} is a JavaScript expression'],
    ['a comment, which is JavaScript too', '{/* check this figure */}', 'a comment {/* … */} is JavaScript'],
    ['an attribute value expression', '<Figure src="/a.png" alt={"A quay"} />', '<Figure> alt={…} is a JavaScript expression: write the value as quoted text, alt="…"'],
    ['an attribute spread', '<PullQuote {...quote}>Words.</PullQuote>', '<PullQuote> spreads a JavaScript expression ({...quote})'],
    ['an expression attribute on a lowercase tag', '<img src={chart} alt="A chart" />', '<img> src={…} is a JavaScript expression'],
    ['an unknown component', '<Chart data="x" />', '<Chart> is not a component stories can use: the components are KeyInsights, ExecutiveActions, PullQuote and Figure.'],
    ['a misspelt component, naming the closest', '<KeyInsight>\n\n- A point.\n\n</KeyInsight>', '<KeyInsight> is not a component stories can use: the components are KeyInsights, ExecutiveActions, PullQuote and Figure. Did you mean "KeyInsights"?'],
    ['a member name', '<ui.Box />', '<ui.Box> is not a component stories can use'],
    ['a component inside a sentence', 'Shares <Up>rose</Up> today.', '<Up> is not a component stories can use'],
    ['a fragment', '<>Words.</>', 'a fragment <>…</>'],
    ['MDX that does not parse, with the parser’s reason', '<PullQuote>Never closed.', 'the story cannot be read as MDX: Expected a closing tag for `<PullQuote>` before the end of `paragraph`'],
    ['an HTML tag left open, which MDX cannot read', '<img src="/a.png" alt="A chart">\n\nMore text.', 'the story cannot be read as MDX: Expected a closing tag for `<img>` ('],
  ])('%s, at its line', (_name, construct, message) => {
    const problems = mdxConstructProblems(`${before}${construct}\n`);
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining(message) }]);
  });

  it('gives lines in the file when told how many lines the frontmatter takes', () => {
    expect(mdxConstructProblems('\nText.\n\nimport X from "./x.astro"\n', 9)).toEqual([{ line: 13, message: ESM_MESSAGE }]);
  });

  it('reports every construct, in line order', () => {
    const body = 'export const a = 1\n\n<Foo />\n\nText {x}.\n';
    expect(mdxConstructProblems(body).map((p) => p.line)).toEqual([1, 3, 5]);
  });
});

describe('mdxConstructProblems accepts', () => {
  it.each([
    ['plain Markdown', '## A subheading\n\nA **bold** and *italic* [link](/markets/).\n\n- one\n- two\n\n1. first\n\n![A chart](/images/chart.png)'],
    ['a GFM table and strikethrough', '| quarter | revenue |\n| --- | --- |\n| Q1 | 12 |\n\n~~old figure~~'],
    ['lowercase HTML tags', '<img src="/favicon.svg" alt="The mark" />\n\n<figure>\n\n<img src="/a.png" alt="A" />\n\n</figure>\n\nLine one<br />line two, <a href="/about/">about</a>.'],
    ['code that shows MDX', '```mdx\nimport X from "y"\n\n<Chart value={1} />\n```\n\nWrite `{x}` or `<Foo>` in code.'],
    ['escaped braces and angle brackets', 'A set \\{a, b\\} and 3 \\< 4.'],
    ...STORY_COMPONENTS.map((name) => [`<${name}> with quoted attributes`, `<${name} cite="A, role" src="/a.png" alt="A">\n\n- A point.\n\n</${name}>`]),
    ['a self-closing Figure spread over lines', '<Figure\n  src="/a.png"\n  alt="A quay"\n  caption="At dawn."\n/>'],
  ])('%s', (_name, body) => {
    expect(mdxConstructProblems(`${before}${body}\n`)).toEqual([]);
  });

  it('a story as new:story writes it', () => {
    const text = storyTemplate({ title: 'A headline', section: 'markets', authors: ['ana-ruiz'], publishedAt: new Date('2026-12-01T06:00:00Z') });
    expect(constructProblemsInFile(text, parseFrontmatter(text).bodyOffset)).toEqual([]);
  });

  const stories = ['content/articles', 'tests/fixtures/articles'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.mdx')).map((f) => `${dir}/${f}`),
  );
  it.each(stories)('%s', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    expect(constructProblemsInFile(text, parseFrontmatter(text).bodyOffset)).toEqual([]);
  });
});

describe('checkMdxConstructs', () => {
  it('names the file and line of each construct in a story that imports its locked part', () => {
    const file = 'articles/imports-key-insights.mdx';
    expect(problemsOf('mdx-constructs', checkMdxConstructs)).toEqual([
      { file, line: 12, message: ESM_MESSAGE },
      { file, line: 14, message: expect.stringContaining('{4 + 1} is a JavaScript expression') },
      { file, line: 16, message: expect.stringContaining('<Chart> is not a component') },
      { file, line: 18, message: expect.stringContaining('<PullQuote> cite={…}') },
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkMdxConstructs)).toEqual([]);
  });
});
