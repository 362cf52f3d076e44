// Hostile HTTP against a real server (scripts/serve.ts on the integration build): crafted
// redirect targets, bodies far over their limit, raw paths fetch() would normalise, methods
// the site does not serve, clients that hang up mid-upload, and the security headers on
// every kind of answer. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isSameSitePath } from '../../src/lib/auth/safe-next-path.ts';
import { securityHeaderProblems, lookup } from '../support/expect-security-headers.ts';
import { startHostileSite, type HostileSite } from '../support/hostile/hostile-site.ts';
import { signedInReader, type SignedInReader } from '../support/hostile/signed-in-reader.ts';
import { getPage, postForm, randomClientAddress } from '../support/http-forms.ts';
import { freePort } from '../support/instances/nginx.ts';
import { rawGet, residentBytes, streamUpload } from '../support/raw-http.ts';
import { SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';

const STORY = '/autos/arkwell-starts-production-spanish-lfp-battery-plant/';
const TIMEOUT_MS = 120_000;
/** Each crafted `next` normalises to `//evil.example/...` (or carries a tab, CR/LF or backslash). */
const CRAFTED_NEXT = [
  '/.//evil.example/phish', '/..//evil.example/phish', '/%2e%2e//evil.example/phish', '//evil.example/phish',
  '///evil.example/phish', '/\\evil.example/phish', '/\t/evil.example/phish', '/%09/evil.example/phish',
  '/%2f/evil.example/phish', '/%5c/evil.example/phish', '/%0d%0aLocation:%20https://evil.example/', 'https://evil.example/',
];

let site: HostileSite;
let reader: SignedInReader;

beforeAll(async () => {
  site = await startHostileSite({ server: await freePort(), smtp: await freePort(), stripe: await freePort() });
  reader = await signedInReader(site.url, site.mail);
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
});

const port = () => Number(new URL(site.url).port);

function expectOnSite(location: string | null, context: string): void {
  expect(location, context).not.toBeNull();
  expect(isSameSitePath(location!), `${context} → Location: ${location}`).toBe(true);
  expect(new URL(location!, 'https://news.example.test/').host, `${context} → ${location}`).toBe('news.example.test');
}

describe('redirects built from a next parameter stay on the site', () => {
  test('a signed-in reader sent to /sign-in/ or /register/ with a crafted next is sent to a path on the site', async () => {
    for (const page of ['/sign-in/', '/register/']) {
      for (const next of CRAFTED_NEXT) {
        const response = await getPage(site.url, `${page}?next=${encodeURIComponent(next)}`, reader.cookie);
        expect(response.status, `${page} next=${next}`).toBe(303);
        expectOnSite(response.headers.get('location'), `${page} next=${JSON.stringify(next)}`);
      }
    }
  }, TIMEOUT_MS);

  test('signing in with a crafted next redirects to a path on the site', async () => {
    // A few, so the sign-in limit per address is never what answers.
    for (const next of ['/.//evil.example/phish', '/..//evil.example/phish', '/%2e%2e//evil.example/phish', '/\t/evil.example/phish']) {
      const response = await postForm(site.url, '/sign-in/?_action=signIn', { email: reader.email, password: reader.password, next });
      expect(response.status, `next=${JSON.stringify(next)}: ${(await response.clone().text()).slice(0, 200)}`).toBe(303);
      expectOnSite(response.headers.get('location'), `sign-in next=${JSON.stringify(next)}`);
    }
  }, TIMEOUT_MS);

  test('a path that normalises to //host is not redirected there for its trailing slash', async () => {
    for (const target of ['//evil.example/phish', '/.//evil.example/phish', '/\\evil.example/phish', '/%2e%2e//evil.example/phish']) {
      const answer = await rawGet(port(), target);
      if (answer.status >= 300 && answer.status < 400) expectOnSite(answer.headers.location ?? null, `GET ${target}`);
    }
  }, TIMEOUT_MS);
});

describe('request bodies over their limit are refused while they are read', () => {
  const TWO_HUNDRED_MB = 200 * 1024 * 1024;
  const MAX_GROWTH = 50 * 1024 * 1024;
  const targets = [
    { name: 'the Stripe webhook', path: '/api/stripe/webhook', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' } },
    { name: 'a form page', path: '/sign-in/?_action=signIn', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    { name: 'an action', path: '/_actions/signIn', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  ];
  for (const target of targets) {
    for (const declareLength of [true, false]) {
      test(`200 MB to ${target.name} (${declareLength ? 'with Content-Length' : 'chunked'}): 413, and the server's memory does not grow`, async () => {
        const pid = site.server().child.pid!;
        const before = residentBytes(pid);
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 20);
        try {
          const headers = { ...target.headers, Origin: site.url, 'X-Forwarded-For': randomClientAddress() };
          const answer = await streamUpload({ port: port(), path: target.path, headers, bytes: TWO_HUNDRED_MB, declareLength });
          expect(answer.status, answer.body.slice(0, 300)).toBe(413);
          // Refused long before the end: the rest of the upload was never read.
          expect(answer.sentBytes).toBeLessThan(TWO_HUNDRED_MB);
        } finally {
          clearInterval(sampler);
        }
        peak = Math.max(peak, residentBytes(pid));
        expect(peak - before, `grew from ${before} to ${peak} bytes`).toBeLessThan(MAX_GROWTH);
      }, TIMEOUT_MS);
    }
  }
});

describe('raw paths under /_astro/', () => {
  test('a raw backslash, dot segments or a name that is not a built file answer 404, never a page cached as immutable', async () => {
    const slug = STORY.split('/')[2];
    const targets = [
      `/_astro/..\\autos\\${slug}\\`, `/_astro/../autos/${slug}/`, `/_astro/%2e%2e/autos/${slug}/`, `/_astro/%2E%2E%5Cautos%5C${slug}%5C`,
      `/_astro/.%2e/autos/${slug}/`, '/_astro/', '/_astro/no-such-file.css', '/_astro/../robots.txt', '/_astro/..%2frobots.txt',
    ];
    for (const target of targets) {
      const answer = await rawGet(port(), target, { Cookie: reader.cookie });
      expect(answer.status, `GET ${target}`).toBe(404);
      expect(answer.headers['cache-control'] ?? '', `GET ${target}`).not.toMatch(/immutable|public/);
      expect(answer.body, `GET ${target}`).not.toContain(reader.email);
    }
  }, TIMEOUT_MS);
});

describe('methods and hostile field values', () => {
  // (A method Node's parser does not know, such as TRACK, is answered 400 by Node itself.)
  test('TRACE, PUT, DELETE, PATCH and OPTIONS answer 405 with Allow', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const target of ['/', '/sign-in/', '/api/stripe/webhook']) {
        const answer = await rawGet(port(), target, {}, method);
        expect(answer.status, `${method} ${target}`).toBe(405);
        expect(answer.headers.allow, `${method} ${target}`).toBe('GET, HEAD, POST');
      }
    }
  }, TIMEOUT_MS);

  test('a NUL byte in the session id of "end this session" answers 400 with a clear message', async () => {
    const rpc = await postForm(site.url, '/_actions/endSession', { sessionId: 'dead\u0000beef' }, { cookie: reader.cookie });
    expect(rpc.status).toBe(400);
    expect(await rpc.text()).toMatch(/not a session of yours/);
    const page = await postForm(site.url, '/account/sessions/?_action=endSession', { sessionId: 'dead\u0000beef' }, { cookie: reader.cookie });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/role="alert"/);
  }, TIMEOUT_MS);
});

describe('a client that hangs up mid-upload', () => {
  test('is logged as a closed request, never as the database being unreachable', async () => {
    const logged = site.server().output().length;
    for (const target of ['/sign-in/?_action=signIn', '/_actions/signIn', '/api/stripe/webhook']) {
      const req = request({ host: '127.0.0.1', port: port(), path: target, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '20000', Origin: site.url, 'Stripe-Signature': 't=1,v1=00', 'X-Forwarded-For': randomClientAddress() } });
      req.on('error', () => {});
      req.write(`email=a%40example.test&password=${'x'.repeat(2000)}`);
      await sleep(300);
      req.destroy();
    }
    const deadline = Date.now() + 20_000;
    const fresh = () => site.server().output().slice(logged);
    while ((fresh().match(/client closed the request/g) ?? []).length < 3 && Date.now() < deadline) await sleep(100);
    expect(fresh()).not.toMatch(/database unreachable/);
    expect((fresh().match(/client closed the request/g) ?? []).length, fresh()).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${site.url}/robots.txt`)).status).toBe(200);
  }, TIMEOUT_MS);
});

describe('security headers on every kind of answer', () => {
  const pages = [
    { name: 'home', path: '/' }, { name: 'section', path: '/autos/' }, { name: 'article', path: STORY },
    { name: 'sign-in', path: '/sign-in/' }, { name: '404', path: '/no-such-page/' }, { name: 'search', path: '/search/?q=battery' },
  ];
  const signedInPages = [{ name: 'account', path: '/account/' }, { name: 'article, signed in', path: STORY }, { name: 'sessions', path: '/account/sessions/' }];
  const others = [
    { name: 'RSS', path: '/rss.xml' }, { name: 'section RSS', path: '/autos/rss.xml' }, { name: 'sitemap', path: '/sitemap.xml' },
    { name: 'robots.txt', path: '/robots.txt' }, { name: 'health check', path: '/healthz' }, { name: 'static file', path: '/favicon.svg' },
  ];

  test('pages carry Astro’s policy with frame-ancestors, nosniff, a referrer policy and X-Frame-Options, and no HSTS outside production', async () => {
    for (const page of pages) {
      const response = await getPage(site.url, page.path);
      expect(securityHeaderProblems(response.headers, { production: false, html: true }), page.name).toEqual([]);
    }
    for (const page of signedInPages) {
      const response = await getPage(site.url, page.path, reader.cookie);
      expect(response.status, page.name).toBe(200);
      expect(securityHeaderProblems(response.headers, { production: false, html: true }), page.name).toEqual([]);
    }
    const desk = await getPage(site.url, '/desk/', reader.cookie);
    expect(securityHeaderProblems(desk.headers, { production: false }), `desk (${desk.status})`).toEqual([]);
  }, TIMEOUT_MS);

  test('a page served again from the anonymous cache keeps them', async () => {
    await getPage(site.url, '/autos/');
    const hit = await getPage(site.url, '/autos/');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(securityHeaderProblems(hit.headers, { production: false, html: true })).toEqual([]);
  });

  test('feeds, files, JSON and refusals carry them too', async () => {
    for (const other of others) {
      const response = await getPage(site.url, other.path);
      expect(response.status, other.name).toBe(200);
      expect(securityHeaderProblems(response.headers, { production: false }), other.name).toEqual([]);
    }
    const webhook = await fetch(`${site.url}/api/stripe/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' }, body: '{}' });
    expect(webhook.status).toBe(400);
    expect(securityHeaderProblems(webhook.headers, { production: false }), 'webhook JSON').toEqual([]);
    const refused = await rawGet(port(), '/', {}, 'TRACE');
    expect(securityHeaderProblems(lookup(refused.headers), { production: false }), '405').toEqual([]);
    const asset = await rawGet(port(), '/_astro/..\\x');
    expect(securityHeaderProblems(lookup(asset.headers), { production: false }), '/_astro/ 404').toEqual([]);
    // A broken escape in the path: the adapter answers 400 itself, before Astro renders anything.
    const broken = await rawGet(port(), '/tags/%E0%A4%A/');
    expect(broken.status).toBe(400);
    expect(securityHeaderProblems(lookup(broken.headers), { production: false }), 'adapter 400').toEqual([]);
  }, TIMEOUT_MS);

  test('in production every kind of answer also carries Strict-Transport-Security', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-headers-'));
    let production: SiteServer | undefined;
    try {
      // Production needs an SMTP_URL; nothing here sends mail.
      production = await startSiteServer({ port: await freePort(), env: { NODE_ENV: 'production', DATA_DIR: path.join(dir, 'data'), SMTP_URL: 'smtp://127.0.0.1:9', TRUST_PROXY: 'true' } });
      for (const target of [...pages, ...others]) {
        const response = await getPage(production.url, target.path);
        expect(securityHeaderProblems(response.headers, { production: true }), target.name).toEqual([]);
      }
      const refused = await rawGet(production.port, '/', {}, 'TRACE');
      expect(securityHeaderProblems(lookup(refused.headers), { production: true }), '405').toEqual([]);
    } finally {
      await production?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, TIMEOUT_MS);
});
