// A burst of password guesses at one account, over HTTP against a real server (PGlite, or
// PostgreSQL with TEST_DATABASE_URL): every attempt is counted before its password is
// checked, so however many arrive at once, no more than the account's limit are checked,
// and the right password among the excess is refused. Across two instances:
// two-instances.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/lib/auth/rate-limit-policy.ts';
import { AUTH_MESSAGES } from '../../src/server/auth/auth-error.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { randomClientAddress, registerVerifiedReader, signIn } from '../support/http-forms.ts';
import { startOneInstance, type OneInstance } from '../support/instances/one-instance.ts';
import { awaitRoomInWindow, longestWait } from '../support/instances/rate-window.ts';

/** Room the burst and what follows need inside one rate-limit window. */
const SERIES_MS = 60_000;
const TEST_TIMEOUT_MS = 90_000 + longestWait(SERIES_MS);

let site: OneInstance | undefined;
beforeAll(async () => {
  site = await startOneInstance('sign-in-burst');
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
