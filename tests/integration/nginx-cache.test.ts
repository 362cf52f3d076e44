// deploy/nginx/masthead.conf in front of real instances (one on PGlite, two on PostgreSQL when
// TEST_DATABASE_URL is set): anonymous pages are cached, but never longer than the bound that
// makes a change live through nginx within 10 s (SHARED_CACHE_MAX_SECONDS in
// src/lib/http/cache-control.ts; on PostgreSQL a scheduled story is watched going live);
// signed-in readers bypass the cache and never leave their page in it, forms and the Stripe
// webhook go through untouched.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_KEY_INSIGHT, CANARIES } from '../support/canary.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { getPage, postForm, registerVerifiedReader, sessionCookieOf, signIn, unlock, type SignedInReader } from '../support/http-forms.ts';
import { startInstanceSet, STRIPE_WEBHOOK_SECRET, type InstanceSet } from '../support/instances/instance-set.ts';
import { findNginx, freePort, selfSignedCertificate, startNginx, type RunningNginx } from '../support/instances/nginx.ts';
import { createSharedPostgres, type SharedPostgres } from '../support/instances/postgres-database.ts';
import { checkoutAndPay, deliverEvent, eventOfType } from '../support/instances/stripe-delivery.ts';
import { lockedStories } from '../support/locked-stories.ts';
import { firstTimeTrue, insertScheduledStory } from '../support/instances/scheduled-story.ts';
import { SHARED_CACHE_MAX_SECONDS } from '../../src/lib/http/cache-control.ts';
import { tlsRequest } from '../support/instances/tls-request.ts';
import { rawGet } from '../support/raw-http.ts';

const CANARY_STORY = { section: 'business', slug: 'canary-fixture-story' };
const NGINX = findNginx();
const IN_CI = Boolean(process.env.CI);
if (!NGINX && !IN_CI) console.warn('nginx-cache: skipped: no nginx (/usr/sbin/nginx or on PATH). Install it with `apt-get install nginx`; CI installs it and fails without it.');

// Generous: nginx and the instances share two cores with the rest of the suite.
describe.skipIf(!NGINX && !IN_CI)('nginx in front of Masthead (deploy/nginx/masthead.conf)', { timeout: 60_000 }, () => {
  const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
  const work = mkdtempSync(path.join(os.tmpdir(), 'masthead-nginx-'));
  let database: SharedPostgres | undefined;
  let set: InstanceSet | undefined;
  let nginx: RunningNginx | undefined;
  let reader: SignedInReader;

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is not installed, and CI must run this test: .ci/run installs Debian\'s nginx.');
    await ensureIntegrationSite();
    database = TEST_DATABASE_URL ? await createSharedPostgres(TEST_DATABASE_URL, 'nginx') : undefined;
    const ports = database ? [await freePort(), await freePort()] : [await freePort()];
    set = await startInstanceSet({ ports, smtpPort: 0, database: database ? { DATABASE_URL: database.url } : { DATA_DIR: path.join(work, 'data') } });
    const certificate = selfSignedCertificate(work);
    if (!certificate && IN_CI) throw new Error('openssl is needed for the TLS case; .ci/run installs it.');
    const tls = certificate && { port: await freePort(), ...certificate };
    nginx = await startNginx(NGINX, path.join(work, 'nginx'), { upstreamPorts: ports, httpPort: await freePort(), ...(tls ? { tls } : {}) });
    reader = await registerVerifiedReader(nginx.url, set.mail, 'behind-nginx');
  }, SITE_BUILD_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await nginx?.stop();
    await set?.stop();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  const cacheStatus = (response: Response) => response.headers.get('x-cache-status');

  it('an anonymous article is a MISS, then a HIT with the same page', async () => {
    const story = lockedStories().at(-1)!;
    const first = await getPage(nginx!.url, `/${story.section}/${story.slug}/`);
    const firstBody = await first.text();
    expect(first.status).toBe(200);
    // Outside caches get the bounded lifetime and no stale copy; the page's cache keys stay inside.
    const [, maxAge, sMaxAge] = /^public, max-age=(\d+), s-maxage=(\d+)$/.exec(first.headers.get('cache-control') ?? '') ?? [];
    expect(Number(maxAge)).toBeGreaterThan(0);
    expect(Number(maxAge)).toBeLessThanOrEqual(SHARED_CACHE_MAX_SECONDS);
    expect(Number(sMaxAge)).toBe(Number(maxAge));
    expect(first.headers.get('x-cache-keys')).toBeNull();
    expect(cacheStatus(first)).toBe('MISS');

    const second = await getPage(nginx!.url, `/${story.section}/${story.slug}/`);
    expect(cacheStatus(second)).toBe('HIT');
    expect(await second.text()).toBe(firstBody);
  });

  it(`keeps an anonymous page no longer than ${SHARED_CACHE_MAX_SECONDS} s (${SHARED_CACHE_MAX_SECONDS + 1} s as nginx counts whole seconds)`, async () => {
    const page = '/?lifetime-check';
    expect(cacheStatus(await getPage(nginx!.url, page))).toBe('MISS');
    const stored = Date.now();
    expect(cacheStatus(await getPage(nginx!.url, page))).toBe('HIT');
    const refetched = await firstTimeTrue(async () => cacheStatus(await getPage(nginx!.url, page)) !== 'HIT', 15_000, 100);
    expect(refetched).toBeDefined();
    const keptMs = refetched!.getTime() - stored;
    expect(keptMs).toBeGreaterThan((SHARED_CACHE_MAX_SECONDS - 1) * 1000);
    expect(keptMs).toBeLessThanOrEqual((SHARED_CACHE_MAX_SECONDS + 1) * 1000 + 300);
  });

  it('publish to live through nginx: a scheduled story shows on its cached section page within 10 s of its time (PostgreSQL)', async (context) => {
    if (!database) context.skip('needs TEST_DATABASE_URL: on PGlite the server holds the data folder, so the test cannot write the story');
    const section = lockedStories().at(-1)!.section;
    const scheduled = await insertScheduledStory(database!.sql, section, 3, 'nginx');
    expect(await (await getPage(nginx!.url, `/${section}/`)).text()).not.toContain(scheduled.title);
    expect(cacheStatus(await getPage(nginx!.url, `/${section}/`))).toBe('HIT');
    const live = await firstTimeTrue(async () => (await (await getPage(nginx!.url, `/${section}/`)).text()).includes(scheduled.title), 20_000, 100);
    expect(live, 'the story showed through nginx').toBeDefined();
    expect(live!.getTime() - scheduled.dueAt.getTime()).toBeLessThanOrEqual(10_000);
  });

  it('a request with the session cookie bypasses the cache and gets the signed-in page; anonymous readers never get it', async () => {
    const address = `/${CANARY_STORY.section}/${CANARY_STORY.slug}/`;
    expect((await unlock(nginx!.url, reader.cookie, CANARY_STORY)).status).toBe(303);
    for (const page of [address, '/account/']) {
      const signedIn = await getPage(nginx!.url, page, reader.cookie);
      expect(signedIn.status).toBe(200);
      expect(cacheStatus(signedIn)).toBe('BYPASS');
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
      expect(await signedIn.text()).toContain(page === address ? CANARY_KEY_INSIGHT : reader.email);
    }
    // The same cookie under its production name bypasses the cache too.
    expect(cacheStatus(await getPage(nginx!.url, address, `__Host-${reader.cookie}`))).toBe('BYPASS');

    // Twice: the first anonymous answer comes from the app (the signed-in one was not stored),
    // the second from the cache; neither holds anything of the reader's.
    for (const expected of ['MISS', 'HIT']) {
      const anonymous = await getPage(nginx!.url, address);
      expect(cacheStatus(anonymous)).toBe(expected);
      const body = await anonymous.text();
      for (const secret of [...CANARIES, reader.email]) expect(body).not.toContain(secret);
    }
    const anonymousAccount = await getPage(nginx!.url, '/account/');
    expect(anonymousAccount.status).toBeGreaterThanOrEqual(300);
    expect(await anonymousAccount.text()).not.toContain(reader.email);
  });

  it('signing in through nginx works, and a cross-site form is still refused', async () => {
    const signedIn = await signIn(nginx!.url, reader.email, reader.password);
    expect(signedIn.status).toBe(303);
    expect(sessionCookieOf(signedIn)).toBeDefined();
    expect(cacheStatus(signedIn)).not.toBe('HIT');

    const crossSite = await postForm(nginx!.url, '/sign-in/?_action=signIn', { email: reader.email, password: reader.password, next: '/' }, { origin: 'https://elsewhere.example' });
    expect(crossSite.status).toBe(403);
  });

  it('over TLS ended at nginx, a same-origin form is accepted and a cross-site one refused', async (context) => {
    if (!nginx!.tlsUrl) context.skip('no openssl to make a certificate');
    const tlsUrl = nginx!.tlsUrl!;
    const form = (origin: string) => ({
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: reader.email, password: reader.password, next: '/' }).toString(),
    });
    expect((await tlsRequest(`${tlsUrl}/sign-in/?_action=signIn`, form(tlsUrl))).status).toBe(303);
    expect((await tlsRequest(`${tlsUrl}/sign-in/?_action=signIn`, form(tlsUrl.replace('https:', 'http:')))).status).toBe(403);
  });

  it('the Stripe webhook goes through untouched (its signature verifies) and is never cached', async () => {
    const events = await checkoutAndPay(set!.double, nginx!.url, reader.cookie, '/credits/', { pack: 'credits-5' });
    const completed = eventOfType(events, 'checkout.session.completed');
    expect(await deliverEvent(nginx!.url, completed, STRIPE_WEBHOOK_SECRET)).toEqual({ status: 200, outcome: 'processed' });
    // A second delivery reaches the app (which knows the event), not a stored answer.
    expect(await deliverEvent(nginx!.url, completed, STRIPE_WEBHOOK_SECRET)).toEqual({ status: 200, outcome: 'duplicate' });
    for (let i = 0; i < 2; i++) expect(cacheStatus(await getPage(nginx!.url, '/api/stripe/webhook'))).toBeNull();
  });

  it('a raw backslash path under /_astro/ is no asset: 404, never a signed-in page stored as immutable', async () => {
    const port = Number(new URL(nginx!.url).port);
    const targets = [`/_astro/..\\${CANARY_STORY.section}\\${CANARY_STORY.slug}\\`, `/_astro/%2e%2e/${CANARY_STORY.section}/${CANARY_STORY.slug}/`];
    for (const target of targets) {
      // Signed in first (what would have been stored), then anonymous (what it would have been served to).
      for (const cookie of [reader.cookie, undefined]) {
        const answer = await rawGet(port, target, cookie ? { Cookie: cookie } : {});
        expect(answer.status, `${target} ${cookie ? 'signed in' : 'anonymous'}`).toBe(404);
        expect(answer.headers['cache-control'] ?? '').not.toMatch(/immutable|public/);
        for (const secret of [CANARY_KEY_INSIGHT, reader.email]) expect(answer.body).not.toContain(secret);
      }
    }
  });
});
