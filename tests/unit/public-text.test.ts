import { describe, expect, it } from 'vitest';
import { hasComponent, publicParagraphs, publicText, withoutLockedParts } from '../../src/lib/content/public-text.ts';

/** Words that appear only inside locked parts; none may survive. */
const SECRET = 'LOCKED-SECRET';

describe('withoutLockedParts', () => {
  it.each([
    {
      name: 'removes a KeyInsights block',
      mdx: `Free before.\n\n<KeyInsights>\n\n- ${SECRET} insight\n\n</KeyInsights>\n\nFree after.`,
    },
    {
      name: 'removes an ExecutiveActions block',
      mdx: `Free before.\n\n<ExecutiveActions>\n1. ${SECRET} action\n</ExecutiveActions>\n\nFree after.`,
    },
    {
      name: 'removes both blocks when a story has both',
      mdx: `Free before.\n\n<KeyInsights>${SECRET} one</KeyInsights>\n\n<ExecutiveActions>${SECRET} two</ExecutiveActions>\n\nFree after.`,
    },
    {
      name: 'removes a block whose opening tag has attributes',
      mdx: `Free before.\n\n<KeyInsights title="What it means" compact>\n${SECRET}\n</KeyInsights>\n\nFree after.`,
    },
    {
      name: 'removes a block whose opening tag spans lines',
      mdx: `Free before.\n\n<KeyInsights\n  title="What it means"\n  compact\n>\n${SECRET}\n</KeyInsights>\n\nFree after.`,
    },
    {
      name: 'removes a block whose closing tag has a space before ">"',
      mdx: `Free before.\n\n<KeyInsights>${SECRET}</KeyInsights >\n\nFree after.`,
    },
    {
      name: 'removes a self-closing locked component',
      mdx: `Free before.\n\n<KeyInsights items="${SECRET}" />\n\nFree after.`,
    },
    {
      name: 'removes the same component twice in one story',
      mdx: `Free before.\n\n<KeyInsights>${SECRET} one</KeyInsights>\n\nFree after.\n\n<KeyInsights>${SECRET} two</KeyInsights>`,
    },
    {
      name: 'removes a locked block that holds the other locked component',
      mdx: `Free before.\n\n<KeyInsights>${SECRET} a <ExecutiveActions>${SECRET} b</ExecutiveActions> ${SECRET} c</KeyInsights>\n\nFree after.`,
    },
  ])('$name, keeping the free text on both sides', ({ mdx }) => {
    const text = withoutLockedParts(mdx);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Free before.');
    expect(text).toContain('Free after.');
  });

  it.each([
    { name: 'an unclosed KeyInsights removes everything after it', mdx: `Free before.\n\n<KeyInsights>\n${SECRET}\n\nMore ${SECRET}.` },
    { name: 'an unclosed ExecutiveActions removes everything after it', mdx: `Free before.\n\n<ExecutiveActions>\n${SECRET}` },
    {
      name: 'a block closed with the wrong tag removes everything after it',
      mdx: `Free before.\n\n<KeyInsights>\n${SECRET}\n</ExecutiveActions>\n\nMore ${SECRET}.`,
    },
    {
      name: 'an unclosed block after a closed one removes everything after it',
      mdx: `Free before.\n\n<ExecutiveActions>${SECRET}</ExecutiveActions>\n\nStill free.\n\n<KeyInsights>\n${SECRET}`,
    },
  ])('fails closed: $name', ({ mdx }) => {
    const text = withoutLockedParts(mdx);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('Free before.');
  });

  it('leaves a story without locked parts as it was', () => {
    const mdx = 'One paragraph.\n\n<PullQuote>A quote.</PullQuote>\n\nAnother paragraph.';
    expect(withoutLockedParts(mdx)).toBe(mdx);
  });

  it('does not mistake a component whose name starts like a locked one', () => {
    const mdx = 'Free.\n\n<KeyInsightsSummary>Also free.</KeyInsightsSummary>';
    expect(withoutLockedParts(mdx)).toBe(mdx);
  });
});

describe('publicParagraphs', () => {
  it.each([
    { name: 'drops heading marks', mdx: '## The yield problem', paragraphs: ['The yield problem'] },
    { name: 'drops list markers', mdx: '- first point\n- second point\n1. third point', paragraphs: ['first point second point third point'] },
    { name: 'keeps the text of links', mdx: 'Read [the filing](https://example.com/filing) first.', paragraphs: ['Read the filing first.'] },
    { name: 'keeps the alt text of images', mdx: '![A battery line](./line.jpg)', paragraphs: ['A battery line'] },
    { name: 'drops bold, italic and code marks', mdx: 'A **bold** and *italic* and _other_ and `code` word.', paragraphs: ['A bold and italic and other and code word.'] },
    { name: 'drops import and export lines', mdx: "import Chart from '../chart.astro';\nexport const x = 1;\n\nText.", paragraphs: ['Text.'] },
    { name: 'joins the lines of one paragraph with single spaces', mdx: 'One line\nand the next   line.', paragraphs: ['One line and the next line.'] },
    { name: 'splits paragraphs at blank lines', mdx: 'First.\n\n\nSecond.\n  \nThird.', paragraphs: ['First.', 'Second.', 'Third.'] },
    {
      name: 'keeps the text of a PullQuote and drops its tags',
      mdx: 'Before.\n\n<PullQuote>Europe has learned, expensively.</PullQuote>\n\nAfter.',
      paragraphs: ['Before.', 'Europe has learned, expensively.', 'After.'],
    },
    {
      name: 'removes locked parts before anything else',
      mdx: `Before.\n\n<KeyInsights>\n\n- **${SECRET}**\n\n</KeyInsights>\n\nAfter.`,
      paragraphs: ['Before.', 'After.'],
    },
    { name: 'returns nothing for a story that is all locked', mdx: `<KeyInsights>${SECRET}</KeyInsights>`, paragraphs: [] },
  ])('$name', ({ mdx, paragraphs }) => {
    expect(publicParagraphs(mdx)).toEqual(paragraphs);
  });
});

describe('publicText', () => {
  it('is the public paragraphs separated by blank lines', () => {
    const mdx = `# Title\n\nFirst *one*.\n\n<ExecutiveActions>${SECRET}</ExecutiveActions>\n\nSecond one.`;
    expect(publicText(mdx)).toBe('Title\n\nFirst one.\n\nSecond one.');
  });
});

describe('hasComponent', () => {
  it.each([
    { name: 'finds a component with children', mdx: 'x\n<KeyInsights>\n- a\n</KeyInsights>', component: 'KeyInsights' as const, expected: true },
    { name: 'finds a self-closing component', mdx: 'x <ExecutiveActions />', component: 'ExecutiveActions' as const, expected: true },
    { name: 'finds a component with attributes', mdx: '<ExecutiveActions title="Do this">', component: 'ExecutiveActions' as const, expected: true },
    { name: 'does not find a component that is absent', mdx: '<KeyInsights>a</KeyInsights>', component: 'ExecutiveActions' as const, expected: false },
    { name: 'does not find a longer name', mdx: '<KeyInsightsBox>a</KeyInsightsBox>', component: 'KeyInsights' as const, expected: false },
    { name: 'does not find the name in plain text', mdx: 'Our KeyInsights section', component: 'KeyInsights' as const, expected: false },
  ])('$name', ({ mdx, component, expected }) => {
    expect(hasComponent(mdx, component)).toBe(expected);
  });
});

describe('withoutLockedParts on malformed input', () => {
  it('drops everything from the first locked tag when a locked part is nested in another', () => {
    const mdx = 'Free.\n\n<KeyInsights>\na\n<KeyInsights>\nb\n</KeyInsights>\nstill locked\n</KeyInsights>\n\nAfter.';
    const out = withoutLockedParts(mdx);
    expect(out).not.toContain('still locked');
    expect(out).toContain('Free.');
  });

  it('drops everything from the first locked tag when a closing tag has no opening', () => {
    const out = withoutLockedParts('Free.\n\nlocked words\n</ExecutiveActions>\n');
    expect(out).toBe('Free.\n\nlocked words\n');
  });
});

describe('publicParagraphs and prose that starts with import or export', () => {
  it('keeps a sentence that merely begins with the word "import"', () => {
    expect(publicParagraphs('Tariffs rose.\nimport duties now cover steel.')).toEqual(['Tariffs rose. import duties now cover steel.']);
  });

  it('drops real ESM lines', () => {
    expect(publicParagraphs("import Chart from '../chart.astro';\n\nBody.\n\nexport const meta = 1;")).toEqual(['Body.']);
  });
});
