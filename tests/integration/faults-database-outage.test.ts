// The database goes away under traffic and comes back. A real server (scripts/serve.ts on the
// test build) reaches PostgreSQL through a TCP proxy; while anonymous reads, signed-in reads
// and unlocks keep coming, the proxy drops every connection and refuses new ones. Pages that
// need the database must answer the calm 503 page (never a 500, never a hang), the process
// must stay up, and once the proxy lets connections through again signed-in pages must work
// without a restart. PostgreSQL only: the embedded database lives inside the server process
// and cannot go away on its own.
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { NO_POSTGRES_REASON, POSTGRES_URL, proxiedPostgres, type ProxiedPostgres } from '../support/faults/databases.ts';
import { readStory, REQUEST_BOUND_MS, send, STORIES } from '../support/faults/http-client.ts';
import { auditLedger } from '../support/faults/ledger-audit.ts';
import { seedReaders, type SeededReader } from '../support/faults/readers.ts';
import { startTraffic, tally, type Recorded } from '../support/faults/traffic.ts';
import { securityHeaderProblems } from '../support/expect-security-headers.ts';

const SERVER_PORT = 4430;
const PROXY_PORT = 4431;
/** Enough answers per kind and phase to see a pattern, few enough for a busy two-core machine. */
const ANSWERS_PER_PHASE = 12;
const PHASE_TIMEOUT_MS = 60_000;

if (!POSTGRES_URL) console.warn(`faults-database-outage: ${NO_POSTGRES_REASON}`);

describe.skipIf(!POSTGRES_URL)('a database outage under traffic (PostgreSQL through a proxy)', () => {
  let pg: ProxiedPostgres;
  let server: SiteServer;
  let readers: SeededReader[];
  let site: { outDir: string };

  beforeAll(async () => {
    site = { outDir: await ensureIntegrationSite() };
    pg = await proxiedPostgres(PROXY_PORT);
    readers = await seedReaders(pg.direct.db, 8, 20);
    server = await startSiteServer({ port: SERVER_PORT, outDir: site.outDir, env: { DATABASE_URL: pg.serverUrl, TRUST_PROXY: 'true' } });
  }, SITE_BUILD_TIMEOUT_MS);

  // What the server printed explains most failures here (which error, during what).
  beforeEach(() => onTestFailed(() => console.log(`server output:\n${server?.output().slice(-20_000)}`)));

  afterAll(async () => {
    await server?.stop();
    await pg?.close();
  });

  test('pages that need the database answer 503 while it is away, and work again by themselves when it is back', async () => {
    const traffic = startTraffic(server.url, readers);
    const inPhase = (phase: string) => traffic.records.filter((r) => r.sentIn === phase && r.answeredIn === phase);
    const summary = (records: readonly Recorded[]) => JSON.stringify(tally(records));
    try {
      for (const kind of ['anonymous-read', 'signed-in-read', 'unlock'] as const) await traffic.waitFor(kind, 'before', ANSWERS_PER_PHASE, PHASE_TIMEOUT_MS);
      const before = inPhase('before');
      // Readers have credits for every story: each unlock answers 303 (unlocked, or already readable).
      expect(before.every((r) => r.answer.outcome === (r.kind === 'unlock' ? 303 : 200)), summary(before)).toBe(true);

      traffic.setPhase('cut');
      pg.proxy.cut();
      for (const kind of ['anonymous-read', 'signed-in-read', 'unlock'] as const) await traffic.waitFor(kind, 'cut', ANSWERS_PER_PHASE, PHASE_TIMEOUT_MS);
      const cut = inPhase('cut');
      const signedIn = cut.filter((r) => r.kind !== 'anonymous-read');
      expect(signedIn.every((r) => r.answer.outcome === 503), summary(signedIn)).toBe(true);
      // Anonymous story pages need no database: the server's cache or a fresh render may answer them.
      const anonymous = cut.filter((r) => r.kind === 'anonymous-read');
      expect(anonymous.every((r) => r.answer.outcome === 200 || r.answer.outcome === 503), summary(anonymous)).toBe(true);

      const page = signedIn.find((r) => r.kind === 'signed-in-read')!.answer;
      expect(page.headers?.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers?.get('retry-after')).toMatch(/^\d+$/);
      expect(page.headers?.get('cache-control')).toMatch(/no-store/);
      expect(page.body).toContain('back in a moment');
      // The visible text tells nothing of the failure's internals.
      const visibleText = page.body.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
      expect(visibleText).not.toMatch(/error|stack|postgres|ECONN|select /i);
      expect(server.child.exitCode, 'the server exited during the outage').toBeNull();

      traffic.setPhase('restored');
      pg.proxy.restore();
      // Recovery is the server opening fresh connections by itself: no restart. It takes a
      // moment (a reconnect waits up to half a second; a busy machine may add to that).
      const restoredAt = Date.now();
      await traffic.waitFor('signed-in-read', 'restored', 1, PHASE_TIMEOUT_MS, (r) => r.answer.outcome === 200);
      console.log(`faults-database-outage: signed-in pages answered 200 again ${Date.now() - restoredAt} ms after the database returned`);
      traffic.setPhase('recovered');
      for (const kind of ['anonymous-read', 'signed-in-read', 'unlock'] as const) await traffic.waitFor(kind, 'recovered', ANSWERS_PER_PHASE, PHASE_TIMEOUT_MS);
    } finally {
      await traffic.stop();
    }
    const recovered = inPhase('recovered');
    expect(recovered.every((r) => r.answer.outcome === (r.kind === 'unlock' ? 303 : 200)), summary(recovered)).toBe(true);

    // Whatever phase a request straddled, it got an answer in time and never a 500.
    const all = traffic.records;
    const bad = all.filter((r) => typeof r.answer.outcome !== 'number' || r.answer.outcome === 500 || r.answer.ms >= REQUEST_BOUND_MS);
    expect(bad.map((r) => `${r.kind} ${r.answer.outcome} ${r.answer.ms}ms (${r.sentIn}→${r.answeredIn})`)).toEqual([]);
    console.log(`faults-database-outage: ${all.length} requests; slowest ${Math.max(...all.map((r) => r.answer.ms))} ms; ${summary(all)}`);

    const fresh = await readStory(server.url, STORIES[0]!, readers[0]!.token);
    expect(fresh.outcome).toBe(200);
    const audit = await auditLedger(pg.direct.db);
    expect({ ...audit, counts: undefined }).toEqual({ balancesOffLedger: [], negativeBalances: [], unlocksWithoutDebit: [], debitsWithoutUnlock: [], unlocksDebitedTwice: [], counts: undefined });
  }, 4 * PHASE_TIMEOUT_MS);

  test('the account page, an anonymous sign-in and /healthz answer 503 while the database is away, and work again after', async () => {
    pg.proxy.cut();
    try {
      const account = await send(server.url, '/account/', { token: readers[1]!.token });
      expect(account.outcome).toBe(503);
      expect(account.body).toContain('back in a moment');
      // The 503 page is no Astro page: it carries the strict policy (its own inline style allowed).
      expect(securityHeaderProblems(account.headers!, { production: false })).toEqual([]);
      // An anonymous form whose action needs the database: the action fails inside Astro, which
      // renders the page as a 500; the middleware finds the database away and answers 503.
      const signIn = await send(server.url, '/sign-in/?_action=signIn', { form: { email: 'nobody@example.test', password: 'long enough password', next: '/' } });
      expect(signIn.outcome).toBe(503);
      expect(signIn.body).toContain('back in a moment');
      expect((await send(server.url, '/healthz')).outcome).toBe(503);
    } finally {
      pg.proxy.restore();
    }
    const deadline = Date.now() + PHASE_TIMEOUT_MS / 2;
    let after = await send(server.url, '/account/', { token: readers[1]!.token });
    while (after.outcome === 503 && Date.now() < deadline) after = await send(server.url, '/account/', { token: readers[1]!.token });
    expect(after.outcome).toBe(200);
    expect((await send(server.url, '/healthz')).outcome).toBe(200);
  }, PHASE_TIMEOUT_MS);
});
