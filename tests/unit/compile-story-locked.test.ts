// The locked parts come out of the public side whole: their words are in lockedParts and
// nowhere in publicHtml or publicText, and a marker stands where each one was.
import { describe, expect, it } from 'vitest';
import { compileBody } from '../../src/lib/content/story-body.ts';
import { fillLockedParts, lockedPartMarker } from '../../src/lib/content/compiled-story.ts';
import { countWords } from '../../src/lib/content/reading-time.ts';
import { compiled, LOCKED_WORDS } from './compile-story-helpers.ts';

const BODY = 'Harbour Bank raised its **dividend**.\n\n## Outlook\n\n- Costs fall.\n- Loans grow.\n\n<PullQuote cite="Ana Ruiz">We can pay more.</PullQuote>';

describe('compileStory: locked parts', () => {
  const story = compiled(BODY);

  it('puts the locked words in lockedParts and nowhere public', () => {
    expect(story.lockedParts).toEqual([
      { part: 'key-insights', html: `<ul>\n<li>The ${LOCKED_WORDS.insight} point an executive can act on.</li>\n</ul>` },
      { part: 'executive-actions', html: `<ol>\n<li>Call the ${LOCKED_WORDS.action} before Friday.</li>\n</ol>` },
    ]);
    for (const word of Object.values(LOCKED_WORDS)) {
      expect(story.publicHtml).not.toContain(word);
      expect(story.publicText).not.toContain(word);
    }
  });

  it('leaves a marker where each locked part stood, in order', () => {
    expect(story.publicHtml.endsWith(`</figure>\n${lockedPartMarker('key-insights')}\n${lockedPartMarker('executive-actions')}`)).toBe(true);
    const open = fillLockedParts(story.publicHtml, (part) => story.lockedParts.find((p) => p.part === part)?.html ?? '');
    expect(open).toContain(LOCKED_WORDS.insight);
    expect(fillLockedParts(story.publicHtml, () => '')).not.toMatch(/<!--/);
  });

  it('gives the free text paragraph by paragraph, and its word count', () => {
    expect(story.publicText).toBe('Harbour Bank raised its dividend.\n\nOutlook\n\nCosts fall.\n\nLoans grow.\n\nWe can pay more.');
    expect(story.publicWords).toBe(countWords(story.publicText));
    expect(story.publicWords).toBe(14);
  });

  it('keeps a locked part’s own link definitions out of the public side', () => {
    const body = compileBody(
      '\nSee [the filing][f].\n\n<KeyInsights>\n\n- Read [the memo][m].\n\n[m]: https://example.org/secret-memo\n\n</KeyInsights>\n\n[f]: https://example.org/filing\n',
      8,
    );
    if (!body.ok) expect.fail(JSON.stringify(body.problems));
    expect(body.body.publicHtml).not.toContain('secret-memo');
    expect(body.body.publicHtml).toContain('<a href="https://example.org/filing">the filing</a>');
    expect(body.body.lockedParts[0]?.html).toContain('<a href="https://example.org/secret-memo">the memo</a>');
  });

  it('compiles a body with no locked part (the content checks, not the body, require them)', () => {
    const body = compileBody('\nJust the free text.\n', 8);
    expect(body).toEqual({ ok: true, body: { publicHtml: '<p>Just the free text.</p>', lockedParts: [], publicText: 'Just the free text.', localImages: [] } });
  });

  it('returns the checked frontmatter as fields', () => {
    expect(story.fields).toEqual({
      title: 'Harbour Bank lifts its dividend',
      dek: 'The payout rises for the first time in four years.',
      summary: 'Harbour Bank raised its dividend by a fifth.',
      section: 'business',
      authors: ['jane-doe'],
      tags: [],
      publishedAt: new Date('2026-07-02T06:45:00Z'),
      updatedAt: undefined,
      draft: false,
      image: undefined,
    });
  });
});

describe('compileBody: footnotes', () => {
  it('keeps a free footnote free and a locked footnote locked, wherever each is defined', () => {
    const body = compileBody('\nOutput rose.[^1]\n\n<KeyInsights>\n\n- Margins fell.[^2]\n\n[^2]: The locked note.\n\n</KeyInsights>\n\n[^1]: The company filing.\n', 8);
    if (!body.ok) expect.fail(JSON.stringify(body.problems));
    expect(body.body.publicHtml).toContain('The company filing.');
    expect(body.body.publicHtml).not.toMatch(/locked note|Margins/);
    expect(body.body.publicHtml.endsWith(`</section>\n${lockedPartMarker('key-insights')}`)).toBe(true);
    expect(body.body.publicText).toBe('Output rose.\n\nThe company filing.');
    expect(body.body.lockedParts[0]?.html).toContain('The locked note.');
  });
});
