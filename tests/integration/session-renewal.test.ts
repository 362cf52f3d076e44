// The session cookie follows the session (Lucia's guide): when use extends the session, the
// server sets the cookie again with the new expiry. Checked over HTTP against a real server
// whose clock the test moves (MASTHEAD_CLOCK_FILE, src/server/content/clock.ts): 30 days
// idle ends a session, and so do 90 days however often it is used. PGlite, or PostgreSQL
// with TEST_DATABASE_URL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { getPage, registerVerifiedReader, SESSION_COOKIE } from '../support/http-forms.ts';
import { startOneInstance, type OneInstance } from '../support/instances/one-instance.ts';

const DAY = 24 * 3600_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-clock-'));
const clockFile = path.join(dir, 'now');
let siteNow = new Date(Math.floor(Date.now() / 1000) * 1000);
/** Moves the server's clock (the file is read on every request). */
function setClock(time: Date): Date {
  siteNow = time;
  writeFileSync(clockFile, time.toISOString());
  return time;
}
const later = (ms: number) => setClock(new Date(siteNow.getTime() + ms));

let site: OneInstance | undefined;
beforeAll(async () => {
  setClock(siteNow);
  site = await startOneInstance('session-renewal', { MASTHEAD_CLOCK_FILE: clockFile });
}, SITE_BUILD_TIMEOUT_MS + 60_000);
afterAll(async () => {
  await site?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** The session cookie a response sets: its value and when it expires; undefined if none. */
function sessionCookieSet(response: Response): { value: string; expires: Date | undefined; maxAge: number | undefined } | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const [name, ...value] = (pair ?? '').split('=');
    if (name !== SESSION_COOKIE) continue;
    const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const expires = attribute('expires');
    const maxAge = attribute('max-age');
    return { value: value.join('='), expires: expires ? new Date(expires) : undefined, maxAge: maxAge === undefined ? undefined : Number(maxAge) };
  }
  return undefined;
}

const signedOut = (response: Response) => [302, 303].includes(response.status) && /^\/sign-in\//.test(response.headers.get('location') ?? '');

describe('the session cookie', () => {
  it('is set again with the new expiry when a visit extends the session, and not on every visit', async () => {
    const { url, mail } = site!;
    const signedInAt = siteNow;
    const reader = await registerVerifiedReader(url, mail, 'renewal');

    const afterTwoDays = await getPage(url, '/account/', reader.cookie);
    const renewedAt = later(2 * DAY);
    const renewedVisit = await getPage(url, '/account/', reader.cookie);

    expect(afterTwoDays.status).toBe(200);
    expect(sessionCookieSet(afterTwoDays)).toBeUndefined(); // at sign-in's clock: nothing to extend
    expect(renewedVisit.status).toBe(200);
    const renewed = sessionCookieSet(renewedVisit);
    expect(`${SESSION_COOKIE}=${renewed?.value}`).toBe(reader.cookie);
    expect(renewed?.expires).toEqual(new Date(renewedAt.getTime() + 30 * DAY));
    expect(renewed!.expires!.getTime()).toBeGreaterThan(signedInAt.getTime() + 30 * DAY);
    later(10 * 60_000);
    expect(sessionCookieSet(await getPage(url, '/account/', reader.cookie))).toBeUndefined();
  });

  it('ends after 31 days without a visit', async () => {
    const { url, mail } = site!;
    const reader = await registerVerifiedReader(url, mail, 'idle');
    later(31 * DAY);

    const visit = await getPage(url, '/account/', reader.cookie);

    expect(signedOut(visit), `${visit.status} ${visit.headers.get('location')}`).toBe(true);
    expect(sessionCookieSet(visit)).toMatchObject({ value: '', maxAge: 0 });
  });

  it('ends 91 days after sign-in though it was used every few weeks, its cookie never outliving 90 days', async () => {
    const { url, mail } = site!;
    const signedInAt = siteNow;
    const reader = await registerVerifiedReader(url, mail, 'absolute');
    for (let visit = 1; visit <= 4; visit++) {
      later(20 * DAY);
      const page = await getPage(url, '/account/', reader.cookie);
      expect(page.status, `visit ${visit}`).toBe(200);
      const expires = sessionCookieSet(page)?.expires;
      expect(expires, `visit ${visit}`).toEqual(new Date(Math.min(siteNow.getTime() + 30 * DAY, signedInAt.getTime() + 90 * DAY)));
    }
    setClock(new Date(signedInAt.getTime() + 91 * DAY));

    expect(signedOut(await getPage(url, '/account/', reader.cookie))).toBe(true);
  });
});
