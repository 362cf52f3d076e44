// Two real server processes (scripts/serve.ts) on ONE PostgreSQL database: a content change
// announced anywhere purges the cached page on BOTH instances within 2 s, exactly (other pages
// stay cached), and a scheduled story goes live on both by the clock alone within 2 s of its
// time. The cache keys a page is filed under never reach the client. PostgreSQL only: PGlite
// is one process (tests/integration/content-channel.test.ts covers its local-only channel).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeContentNotification } from '../../src/lib/content/content-notification.ts';
import { CONTENT_CHANNEL } from '../../src/server/content/content-channel.ts';
import { getPage } from '../support/http-forms.ts';
import { startInstanceSet, type InstanceSet } from '../support/instances/instance-set.ts';
import { freePort } from '../support/instances/nginx.ts';
import { createSharedPostgres, type SharedPostgres } from '../support/instances/postgres-database.ts';
import { firstTimeTrue, insertScheduledStory } from '../support/instances/scheduled-story.ts';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
if (!TEST_DATABASE_URL) console.warn('two-instances-invalidation: skipped: needs TEST_DATABASE_URL (several instances need PostgreSQL).');

describe.skipIf(!TEST_DATABASE_URL)('cache invalidation across two instances on one PostgreSQL', { timeout: 60_000 }, () => {
  let database: SharedPostgres | undefined;
  let set: InstanceSet | undefined;
  let story: { slug: string; section: string };
  const urls = () => set!.servers.map((server) => server.url);

  beforeAll(async () => {
    await ensureIntegrationSite();
    database = await createSharedPostgres(TEST_DATABASE_URL!, 'invalidation');
    set = await startInstanceSet({ ports: [await freePort(), await freePort()], smtpPort: 0, database: { DATABASE_URL: database.url } });
    const [row] = await database.sql<{ slug: string; section: string }[]>`
      select slug, section_id as section from stories where status = 'published' and published_at <= now() order by published_at desc limit 1`;
    if (!row) throw new Error('The integration content holds no published story.');
    story = row;
  }, SITE_BUILD_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await set?.stop();
    await database?.drop();
  }, 60_000);

  /** Fetches `path` from `url` and gives its X-Cache and body. */
  async function fetchPage(url: string, path: string) {
    const response = await getPage(url, path);
    expect(response.status, `${url}${path}`).toBe(200);
    expect(response.headers.get('x-cache-keys'), 'cache keys are never sent').toBeNull();
    return { cache: response.headers.get('x-cache'), body: await response.text() };
  }

  /** Both instances have `path` cached: a request on each, then a HIT on each. */
  async function cachedOnBoth(path: string): Promise<void> {
    for (const url of urls()) await fetchPage(url, path);
    for (const url of urls()) expect((await fetchPage(url, path)).cache, `${url}${path} cached`).toBe('HIT');
  }

  /** Announces `keys` as a third party would (another instance, the desk): a NOTIFY on a connection of its own. */
  async function announceFromElsewhere(keys: string[]): Promise<void> {
    await database!.sql`select pg_notify(${CONTENT_CHANNEL}, ${encodeContentNotification('test-elsewhere', keys)})`;
  }

  it("a change to a story makes its page a MISS on both instances within 2 s, and leaves other pages cached", async () => {
    const storyPath = `/${story.section}/${story.slug}/`;
    await cachedOnBoth(storyPath);
    await cachedOnBoth('/');

    const announced = Date.now();
    await announceFromElsewhere([`story:${story.slug}`]);
    for (const url of urls()) {
      const purged = await firstTimeTrue(async () => (await fetchPage(url, storyPath)).cache === 'MISS', 2000, 50);
      expect(purged, `${url}${storyPath} purged`).toBeDefined();
      expect(purged!.getTime() - announced).toBeLessThan(2000);
    }
    // Exact: the home page does not show that key, so it is still cached on both.
    for (const url of urls()) expect((await fetchPage(url, '/')).cache).toBe('HIT');
  });

  it("'*' purges every page on both instances", async () => {
    await cachedOnBoth('/');
    await announceFromElsewhere(['*']);
    for (const url of urls()) {
      expect(await firstTimeTrue(async () => (await fetchPage(url, '/')).cache === 'MISS', 2000, 50), url).toBeDefined();
    }
  });

  it('a scheduled story shows on its cached section page on both instances within 2 s of its time, with nothing but the clock', async () => {
    const sectionPath = `/${story.section}/`;
    const scheduled = await insertScheduledStory(database!.sql, story.section, 3, 'two-instances');
    await cachedOnBoth(sectionPath);
    for (const url of urls()) expect((await fetchPage(url, sectionPath)).body).not.toContain(scheduled.title);

    const shown = await Promise.all(
      urls().map((url) => firstTimeTrue(async () => (await fetchPage(url, sectionPath)).body.includes(scheduled.title), 10_000, 100)),
    );
    for (const [i, at] of shown.entries()) {
      expect(at, `${urls()[i]}${sectionPath} shows the story`).toBeDefined();
      expect(at!.getTime() - scheduled.dueAt.getTime(), 'ms after it was due').toBeLessThan(2000);
    }
    const [row] = await database!.sql<{ status: string }[]>`select status from stories where slug = ${scheduled.slug}`;
    expect(row?.status).toBe('published');
  });
});
