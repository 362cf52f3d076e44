// The per-process bound on password sign-in requests the middleware applies before Astro
// reads the form: which requests it counts, how many at once, and the page it answers with.
import { describe, expect, it } from 'vitest';
import { isPasswordSignIn, RequestBound, signInBusyResponse } from '../../src/server/auth/sign-in-admission.ts';

describe('isPasswordSignIn', () => {
  it.each([
    ['POST', '/sign-in/?_action=signIn', true],
    ['POST', '/_actions/signIn', true],
    ['POST', '/_actions/signIn/', true],
    ['POST', '/sign-in/?_action=requestLink', false],
    ['POST', '/_actions/signInLink', false],
    ['GET', '/sign-in/?_action=signIn', false],
    ['POST', '/register/?_action=register', false],
  ])('%s %s → %s', (method, path, expected) => {
    expect(isPasswordSignIn(method, new URL(path, 'http://site.test'))).toBe(expected);
  });
});

describe('RequestBound', () => {
  it('lets `limit` requests in at once, refuses the next, and takes one again once one leaves', () => {
    const bound = new RequestBound(2);
    const first = bound.enter();
    const second = bound.enter();

    expect(bound.enter()).toBeNull();
    first!();
    first!(); // leaving twice counts once
    expect(bound.inFlight).toBe(1);
    expect(bound.enter()).not.toBeNull();
    expect(second).not.toBeNull();
  });
});

describe('signInBusyResponse', () => {
  it('answers 429, never stored, with the message and the e-mailed link form', async () => {
    const response = signInBusyResponse('The <Daily>', 'Use a link.');

    expect(response.status).toBe(429);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('<p>Use a link.</p>');
    expect(page).toContain('The &#60;Daily&#62;');
    expect(page).toMatch(/<form method="post" action="\/sign-in\/\?_action=requestLink">/);
  });
});
