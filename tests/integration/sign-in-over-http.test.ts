// Password sign-in over HTTP against a real server (PGlite, or PostgreSQL with
// TEST_DATABASE_URL). A burst of guesses at one account: every attempt is counted before its
// password is checked, so however many arrive at once, no more than the account's limit are
// checked, and the right password among the excess is refused, with the ways in that remain
// (across two instances: two-instances.test.ts). And the right password of an unconfirmed
// account: refused, with the confirmation link offered again.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';
import { AUTH_MESSAGES } from '../../src/server/auth/auth-error.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { newAddress, postForm, randomClientAddress, registerVerifiedReader, signIn } from '../support/http-forms.ts';
import { startOneInstance, type OneInstance } from '../support/instances/one-instance.ts';
import { awaitRoomInWindow, longestWait } from '../support/instances/rate-window.ts';

/** Room the burst and what follows need inside one rate-limit window. */
const SERIES_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000 + longestWait(SERIES_MS);

let site: OneInstance | undefined;
beforeAll(async () => {
  site = await startOneInstance('sign-in-http');
}, SITE_BUILD_TIMEOUT_MS + 60_000);
afterAll(() => site?.stop(), 30_000);

/** Status → how many answers had it. */
const tally = (statuses: number[]) => Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]));

describe('200 guesses at one account at once, over HTTP', () => {
  it('checks at most the limit of them; the right password among the excess is refused with a way in', async () => {
    const { url, mail } = site!;
    const reader = await registerVerifiedReader(url, mail, 'burst');
    const { limit, windowSeconds } = RATE_LIMITS['sign-in:account'];
    await awaitRoomInWindow(windowSeconds, SERIES_MS);
    const guesses = [...Array.from({ length: 199 }, (_, i) => `wrong guess number ${i}`), reader.password];

    const answers = await Promise.all(guesses.map((password) => signIn(url, reader.email, password, randomClientAddress())));
    const burst = answers.map((r) => r.status);
    // Every refusal, whichever bound gave it, says what to do and offers the e-mailed link.
    const refusals = await Promise.all(answers.filter((r) => r.status === 429).map((r) => r.text()));
    for (const page of refusals) {
      expect(page).toContain('You can still sign in straight away with a link sent by e-mail');
      expect(page).toMatch(/<form[^>]+action="[^"]*_action=requestLink"/);
    }

    // 401: a wrong password was checked; 303: the right one was (it may come in time); 429: refused unchecked.
    const counts = tally(burst);
    expect((counts[401] ?? 0) + (counts[303] ?? 0), JSON.stringify(counts)).toBeLessThanOrEqual(limit);
    expect(counts[303] ?? 0).toBeLessThanOrEqual(1);
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(['429']));

    // Further guesses, one at a time, until refused: over the burst and these together exactly
    // the limit of wrong passwords were checked (a success gives its own attempt back).
    let checkedWrong = counts[401] ?? 0;
    for (let i = 0; i <= limit; i++) {
      const status = (await signIn(url, reader.email, `later guess ${i}`, randomClientAddress())).status;
      if (status !== 401) {
        expect(status).toBe(429);
        break;
      }
      checkedWrong++;
    }
    expect(checkedWrong).toBe(limit);

    const right = await signIn(url, reader.email, reader.password, randomClientAddress());
    expect(right.status).toBe(429);
    const page = await right.text();
    // The page says what to do, and the link form is right there.
    expect(AUTH_MESSAGES['sign-in-limited']).toContain('You can still sign in straight away with a link sent by e-mail (below)');
    expect(page).toContain('You can still sign in straight away with a link sent by e-mail (below)');
    expect(page).toMatch(/<form[^>]+action="[^"]*_action=requestLink"/);
  }, TEST_TIMEOUT_MS);
});

describe('the right password of an unconfirmed account', () => {
  it('is refused with the confirmation link offered again, which sends a new one; a wrong password gets the usual answer', async () => {
    const { url, mail } = site!;
    const email = newAddress('unconfirmed');
    const password = 'a phrase nobody else knows';
    const address = randomClientAddress();
    expect((await postForm(url, '/register/?_action=register', { email, password, next: '/' }, { clientAddress: address })).status).toBe(303);
    const firstLink = await mail.waitForLink(email, 'Confirm your e-mail');

    const wrong = await signIn(url, email, 'not the password at all', address);
    const right = await signIn(url, email, password, address);

    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('Send the confirmation link again');
    expect(right.status).toBe(403);
    const page = await right.text();
    expect(page).toContain('This e-mail address is not confirmed yet.');
    const form = /<form[^>]+action="([^"]*_action=resendConfirmation)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
    expect(form?.[2]).toContain(`name="email" value="${email}"`);
    expect(form?.[2]).toContain('Send the confirmation link again');

    const action = (form?.[1] ?? '').replace(/^.*\?/, '?').replace(/&amp;/g, '&');
    const resent = await postForm(url, `/sign-in/${action}`, { email, next: '/' }, { clientAddress: address });
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toMatch(/^\/sign-in\/\?confirmation=sent/);
    const deadline = Date.now() + 15_000;
    let secondLink = firstLink;
    // The mail box answers at once with the newest link; wait between looks so its SMTP listener (in this process) can take the new one.
    while (secondLink === firstLink && Date.now() < deadline) {
      await sleep(100);
      secondLink = await mail.waitForLink(email, 'Confirm your e-mail');
    }
    expect(secondLink).not.toBe(firstLink);
  }, TEST_TIMEOUT_MS);
});
