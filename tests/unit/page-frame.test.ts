// The signed-in page frame (src/lib/page-frame/frame.ts): cut at its slots, put back together,
// and filled for each entitlement state: the locked parts only for the states that show them.
import { describe, expect, it } from 'vitest';
import { OFFER_SLOT, READER_TOOLS_SLOT, assembleFrame, readerFill, splitFrame, type ArticleFrameFacts, type FrameReader } from '../../src/lib/page-frame/frame.ts';
import { lockedPartMarker } from '../../src/lib/content/compiled-story.ts';
import type { EntitlementState } from '../../src/lib/paywall/entitlement.ts';

const page = `<header>${READER_TOOLS_SLOT}</header><main><p>Free.</p>${lockedPartMarker('key-insights')}<p>More.</p>${lockedPartMarker('executive-actions')}${OFFER_SLOT}</main>`;
const article: ArticleFrameFacts = {
  slug: 'a-story',
  returnTo: '/business/a-story/',
  parts: { keyInsights: true, executiveActions: true },
  open: {
    'key-insights': { reader: '<section>INSIGHTS</section>', editor: '<section>NOTE INSIGHTS</section>' },
    'executive-actions': { reader: '<section>ACTIONS</section>', editor: '<section>NOTE ACTIONS</section>' },
  },
};
const readerIn = (state: EntitlementState, more: Partial<FrameReader> = {}): FrameReader => ({ email: 'ana@example.com', showDesk: false, state, balance: 2, ...more });
const assembled = (reader: FrameReader, facts: ArticleFrameFacts | null = article) => assembleFrame(splitFrame(page), readerFill(reader, facts ?? undefined));

describe('a page frame', () => {
  it('is cut at every slot and put back as it was', () => {
    const frame = splitFrame(page);
    expect(frame.slots).toEqual(['reader-tools', 'locked:key-insights', 'locked:executive-actions', 'offer']);
    expect(frame.texts).toHaveLength(5);
    const slotText: Record<string, string> = { 'reader-tools': READER_TOOLS_SLOT, offer: OFFER_SLOT, 'locked:key-insights': lockedPartMarker('key-insights'), 'locked:executive-actions': lockedPartMarker('executive-actions') };
    expect(assembleFrame(frame, (slot) => slotText[slot] ?? '')).toBe(page);
  });

  it('without slots is one text', () => {
    expect(splitFrame('<p>plain</p>')).toEqual({ texts: ['<p>plain</p>'], slots: [] });
    expect(assembleFrame(splitFrame('<p>plain</p>'), () => 'x')).toBe('<p>plain</p>');
  });

  it('gives the entitled their open parts and no offer', () => {
    for (const state of ['member', 'unlocked'] as const) {
      const html = assembled(readerIn(state));
      expect(html).toContain('INSIGHTS');
      expect(html).toContain('ACTIONS');
      expect(html).not.toContain('NOTE');
      expect(html).not.toContain('locked-teaser');
    }
    const editor = assembled(readerIn('editor', { showDesk: true }));
    expect(editor).toContain('NOTE INSIGHTS');
    expect(editor).toContain('<a href="/desk/">Desk</a>');
  });

  it('gives everyone else the offer of their state and no locked text', () => {
    for (const state of ['can-unlock', 'no-credits', 'unverified'] as const) {
      const html = assembled(readerIn(state, { nextRefill: new Date('2027-01-01T00:00:00Z') }));
      expect(html).not.toMatch(/INSIGHTS|ACTIONS/);
      expect(html).toContain(`data-state="${state}"`);
    }
    expect(assembled(readerIn('can-unlock'))).toContain('Unlock for 1 credit (you have 2)');
  });

  it('puts the signed-in tools in the masthead, the address escaped', () => {
    const html = assembled(readerIn('member', { email: 'a"b<c@example.com' }));
    expect(html).toContain('<header><a href="/account/" title="a&quot;b&lt;c@example.com">Account</a>');
    expect(html).toContain('action="/sign-out/?_action=signOut"');
  });

  it('on a page without locked parts fills only the tools', () => {
    const html = assembled(readerIn('member'), null);
    expect(html).toContain('Account');
    expect(html).not.toMatch(/INSIGHTS|ACTIONS|locked-teaser/);
  });
});
