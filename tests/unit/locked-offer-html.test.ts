// The offer in place of the locked parts (src/lib/paywall/locked-offer-html.ts), per state.
import { describe, expect, it } from 'vitest';
import { lockedOfferHtml } from '../../src/lib/paywall/locked-offer-html.ts';

const base = { returnTo: '/business/a story/', slug: 'a-story', parts: { keyInsights: true, executiveActions: true } };

describe('the locked offer', () => {
  it('asks an anonymous reader to register, returning to the story', () => {
    const html = lockedOfferHtml({ ...base, state: 'anonymous' });
    expect(html).toContain('data-state="anonymous"');
    expect(html).toContain('href="/register/?next=%2Fbusiness%2Fa%20story%2F"');
    expect(html).toContain('unlock the Executive Actions for one credit');
  });

  it('offers the unlock with the balance, posting the story', () => {
    const html = lockedOfferHtml({ ...base, state: 'can-unlock', balance: 3 });
    expect(html).toContain('<form method="post" action="?_action=unlock"');
    expect(html).toContain('<input type="hidden" name="slug" value="a-story">');
    expect(html).toContain('(you have 3)');
  });

  it('tells a reader with no credits when the next one comes', () => {
    const html = lockedOfferHtml({ ...base, state: 'no-credits', nextRefill: new Date('2027-01-01T00:00:00Z') });
    expect(html).toContain('<time datetime="2027-01-01T00:00:00.000Z">January 1, 2027</time>');
    expect(lockedOfferHtml({ ...base, state: 'no-credits' })).toContain('You have no credits left.</p>');
  });

  it('lets an unverified reader ask for the link again', () => {
    const html = lockedOfferHtml({ ...base, state: 'unverified' });
    expect(html).toContain('action="?_action=resendVerificationEmail"');
    expect(html).toContain('name="next" value="/business/a story/"');
  });

  it('names the part that is locked, and escapes the problem shown', () => {
    const html = lockedOfferHtml({ ...base, parts: { keyInsights: false, executiveActions: true }, state: 'can-unlock', error: 'No <b>credit</b>' });
    expect(html).toContain('This story’s Executive Actions are locked.');
    expect(html).toContain('role="alert">No &lt;b&gt;credit&lt;/b&gt;</p>');
  });
});
