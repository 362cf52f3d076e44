import { describe, expect, it } from 'vitest';
import {
  checkLockedPartsShown,
  checkSignInAnswer,
  checkStaticCopy,
  checkTeaserShown,
  checkUnlockAnswer,
  lockedSentences,
} from '../../bench/lib/page-checks.mjs';
import { openLockedPartHtml } from '../../src/lib/content/locked-part-html.ts';
import { LOCKED_WORDS, compiled } from './compile-story-helpers.ts';

// The story as its source compiles it, and article pages built the way the real one is: the
// inlined stylesheet (which names every class, .locked-part--open included, on every page),
// the header, the free body, then the open locked parts or the teaser.
const source = compiled('Harbour Bank raised its dividend by a fifth on Tuesday.');
const story = { path: '/business/harbour-bank/', lockedParts: source.lockedParts };
const MEMBER = 'member-0@bench.masthead.test';
const STYLESHEET = '<style>.locked-part--open{border-top:2px solid}.locked-teaser{background:#f6f1e7}</style>';

const header = (email?: string) =>
  email === undefined
    ? '<a href="/sign-in/?next=%2Fbusiness%2Fharbour-bank%2F">Sign in</a>'
    : `<a href="/account/" title="${email}">Account</a><form method="post" action="/sign-out/?_action=signOut"><button>Sign out</button></form>`;
const openParts = story.lockedParts.map((p) => openLockedPartHtml(p.part, p.html, { markedForEditors: false })).join('\n');
const teaser = (state: string) =>
  `<section class="locked-part locked-teaser" aria-labelledby="locked-heading" id="locked" data-state="${state}">` +
  '<h2 id="locked-heading">This story’s Key Insights and Take-aways are locked.</h2>' +
  '<p class="locked-teaser__club">Always free for <strong>Executives Club</strong> members. <a href="/club/">Join the Club</a></p></section>';
const page = (email: string | undefined, lockedPlace: string) => ({
  status: 200,
  html: `<!doctype html><html><head>${STYLESHEET}</head><body><header>${header(email)}</header><main><article>${source.publicHtml.replace(/<!--masthead:locked:[a-z-]+-->/g, '')}${lockedPlace}</article></main></body></html>`,
});

describe('checkLockedPartsShown (a member, or a reader who unlocked the story)', () => {
  it('passes a page whose locked-part elements hold the story’s locked text', () => {
    expect(checkLockedPartsShown(page(MEMBER, openParts), story, { readerEmail: MEMBER })).toEqual({ ok: true, problems: [] });
  });

  it('fails when the member sees the teaser, though the stylesheet names locked-part--open', () => {
    const teaserPage = page(MEMBER, teaser('can-unlock'));
    expect(/locked-part--open/.test(teaserPage.html)).toBe(true); // the old check passed this page
    const check = checkLockedPartsShown(teaserPage, story, { readerEmail: MEMBER });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      'no element with id="key-insights"',
      'no element with id="executive-actions"',
      'the teaser (#locked, data-state="can-unlock") stands in place of the locked parts',
    ]);
  });

  it('fails when a part’s element is there but holds other text', () => {
    const emptied = openLockedPartHtml('key-insights', '<ul><li>Another story’s insight, not this one.</li></ul>', { markedForEditors: false });
    const actions = openLockedPartHtml('executive-actions', story.lockedParts[1]!.html, { markedForEditors: false });
    const check = checkLockedPartsShown(page(MEMBER, emptied + actions), story, { readerEmail: MEMBER });
    expect(check.problems).toEqual([`#key-insights does not hold the story’s locked text “The ${LOCKED_WORDS.insight} point an executive can act on.”`]);
  });

  it('fails when the page is not signed in as that reader, or is not a 200', () => {
    expect(checkLockedPartsShown(page('someone-else@bench.masthead.test', openParts), story, { readerEmail: MEMBER }).problems).toEqual([`the page is not signed in as ${MEMBER}`]);
    expect(checkLockedPartsShown({ ...page(MEMBER, openParts), status: 500 }, story, { readerEmail: MEMBER }).problems).toEqual(['status 500, not 200']);
  });

  it('refuses to pass a story with no locked parts in its source: there would be nothing to check', () => {
    expect(checkLockedPartsShown(page(MEMBER, ''), { ...story, lockedParts: [] }, { readerEmail: MEMBER }).ok).toBe(false);
  });
});

describe('checkTeaserShown (an anonymous reader, or a signed-in one without access)', () => {
  it('passes the anonymous page: the anonymous teaser, none of the locked text, not signed in', () => {
    expect(checkTeaserShown(page(undefined, teaser('anonymous')), story, { state: 'anonymous' })).toEqual({ ok: true, problems: [] });
  });

  it('passes a signed-in reader’s page before they unlock', () => {
    expect(checkTeaserShown(page(MEMBER, teaser('can-unlock')), story, { state: 'can-unlock', readerEmail: MEMBER }).ok).toBe(true);
  });

  it('fails when an anonymous reader gets a member’s page', () => {
    const check = checkTeaserShown(page(MEMBER, openParts), story, { state: 'anonymous' });
    expect(check.problems).toEqual([
      'no teaser element (id="locked")',
      `the locked text of key-insights is on the page: “The ${LOCKED_WORDS.insight} point an executive can act on.”`,
      `the locked text of executive-actions is on the page: “Call the ${LOCKED_WORDS.action} before Friday.”`,
      'the page is a signed-in reader’s (it links to /account/)',
    ]);
  });

  it('fails when one locked sentence stands anywhere in the page’s text, whatever its markup', () => {
    const leak = `<p>Call the <em>${LOCKED_WORDS.action}</em> before   Friday.</p>`;
    expect(checkTeaserShown(page(undefined, teaser('anonymous') + leak), story, { state: 'anonymous' }).problems).toEqual([
      `the locked text of executive-actions is on the page: “Call the ${LOCKED_WORDS.action} before Friday.”`,
    ]);
  });

  it('fails when the teaser is for another state (the anonymous page served to a signed-in reader)', () => {
    expect(checkTeaserShown(page(undefined, teaser('anonymous')), story, { state: 'can-unlock', readerEmail: MEMBER }).problems).toEqual([
      'the teaser is for data-state="anonymous", not "can-unlock"',
      `the page is not signed in as ${MEMBER}`,
    ]);
  });
});

describe('lockedSentences', () => {
  it('gives each locked part’s sentences as a reader reads them, not its markup', () => {
    expect(story.lockedParts.map(lockedSentences)).toEqual([[`The ${LOCKED_WORDS.insight} point an executive can act on.`], [`Call the ${LOCKED_WORDS.action} before Friday.`]]);
  });
});

describe('checkStaticCopy (the static ceiling)', () => {
  const written = Buffer.from(page(undefined, teaser('anonymous')).html);
  it('passes the bytes written', () => {
    expect(checkStaticCopy({ status: 200, body: Buffer.from(written) }, written).ok).toBe(true);
  });
  it('fails another page, or a 404', () => {
    expect(checkStaticCopy({ status: 200, body: Buffer.from('<!doctype html><title>Not found</title>') }, written).ok).toBe(false);
    expect(checkStaticCopy({ status: 404, body: written }, written).problems).toEqual(['status 404, not 200']);
  });
});

describe('checkUnlockAnswer and checkSignInAnswer (the two POST rows)', () => {
  it('passes an unlock answered 303 to the story’s locked parts, and nothing else', () => {
    expect(checkUnlockAnswer({ status: 303, location: '/business/harbour-bank/#key-insights' }, story).ok).toBe(true);
    expect(checkUnlockAnswer({ status: 303, location: '/sign-in/?next=%2Fbusiness%2Fharbour-bank%2F' }, story).ok).toBe(false);
    expect(checkUnlockAnswer({ status: 200, location: null }, story).ok).toBe(false);
  });

  it('passes a sign-in answered 303 with a session cookie, and nothing else', () => {
    expect(checkSignInAnswer({ status: 303, token: 'abc.def' }).ok).toBe(true);
    expect(checkSignInAnswer({ status: 303, token: undefined }).problems).toEqual(['no session cookie']);
    expect(checkSignInAnswer({ status: 200, token: undefined }).ok).toBe(false);
  });
});
