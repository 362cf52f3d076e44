// scripts/serve.ts as a whole process: on a first start it takes the content folder into the
// (empty) database before it answers, so the first request shows the stories; later starts take
// it in the background; with CONTENT_WATCH it takes in each change and drops the cached pages
// the change touches; a story that does not compile is reported as path:line: message and the
// rest are served; a missing MASTHEAD_CONTENT_DIR stops it; SIGTERM lets a request finish.
// On PGlite in temporary DATA_DIRs, or with TEST_DATABASE_URL on fresh PostgreSQL databases.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureIntegrationSite, INTEGRATION_CONTENT_DIR, SITE_BUILD_TIMEOUT_MS, startSiteServer } from '../support/site-server.ts';
import { freePort } from '../support/instances/nginx.ts';
import { openPostgres } from '../../db/client.ts';
import { createDemoAccounts } from '../../src/server/db/demo-accounts.ts';
import { createSharedPostgres, type SharedPostgres } from '../support/instances/postgres-database.ts';
import { jsonLines } from '../support/log-lines.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-smoke-'));
const databases: SharedPostgres[] = [];
const databaseEnvs = new Map<string, Record<string, string>>();
beforeAll(async () => {
  await ensureIntegrationSite();
  for (const label of ['lifecycle', 'lifecycle_watch']) {
    const postgres = process.env.TEST_DATABASE_URL ? await createSharedPostgres(process.env.TEST_DATABASE_URL, label) : undefined;
    if (postgres) {
      databases.push(postgres);
      // The embedded database gets the demo accounts on its first start; PostgreSQL never does.
      const accounts = openPostgres(postgres.url, 1);
      await createDemoAccounts(accounts.db, new Date()).finally(() => accounts.close());
    }
    databaseEnvs.set(label, postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: path.join(dir, label) });
  }
}, SITE_BUILD_TIMEOUT_MS);
afterAll(async () => {
  await Promise.allSettled(databases.map((d) => d.drop()));
  rmSync(dir, { recursive: true, force: true });
});
/** The server's database: the same one for the same label, empty at its first start. */
const database = (label: 'lifecycle' | 'lifecycle_watch') => databaseEnvs.get(label)!;

/** Page text with the entities Astro writes for quotes and ampersands read back. */
const decoded = (html: string) => html.replace(/&quot;|&#34;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&');
const field = (source: string, name: string) => new RegExp(`^${name}:\\s*"?([^"\\n]+)"?\\s*$`, 'm').exec(source)?.[1]?.trim();

/** The title of the most recently published story of a content folder. */
function newestTitle(contentDir: string): string {
  const sources = readdirSync(path.join(contentDir, 'articles'))
    .map((file) => readFileSync(path.join(contentDir, 'articles', file), 'utf8'))
    .filter((source) => field(source, 'draft') !== 'true' && new Date(field(source, 'publishedAt') ?? '9999') <= new Date());
  sources.sort((a, b) => new Date(field(b, 'publishedAt')!).getTime() - new Date(field(a, 'publishedAt')!).getTime());
  return field(sources[0]!, 'title')!;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

test('a first start takes the content in before answering: the first request to the home page shows the newest story', async () => {
  const server = await startSiteServer({ port: await freePort(), env: database('lifecycle') });
  try {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(decoded(await home.text())).toContain(newestTitle(INTEGRATION_CONTENT_DIR));
    expect((await fetch(`${server.url}/business/`)).status).toBe(200);
    const health = await fetch(`${server.url}/healthz`, { redirect: 'manual' });
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('private, no-store');
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(server.output()).not.toContain('in the background');
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, SITE_BUILD_TIMEOUT_MS);

test('a request in flight when SIGTERM arrives is answered before the server exits (a later start syncs in the background)', async () => {
  const server = await startSiteServer({ port: await freePort(), env: database('lifecycle') });
  expect(server.output()).toContain('in the background');
  // A form whose body is still arriving when the signal comes: its headers are in, so the
  // server is busy with it (an idle connection, by contrast, is simply closed).
  const body = new URLSearchParams({ email: 'reader@demo.masthead.test', password: 'demo-reader-2026', next: '/' }).toString();
  const answered = new Promise<number>((resolve, reject) => {
    const request = http.request(`${server.url}/sign-in/?_action=signIn`, {
      method: 'POST',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.write(body.slice(0, 10));
    setTimeout(() => {
      const exited = server.stop();
      setTimeout(() => request.end(body.slice(10)), 300);
      void exited;
    }, 300);
  });
  expect(await answered).toBe(303);
  expect(server.child.exitCode ?? (await server.stop())).toBe(0);
}, SITE_BUILD_TIMEOUT_MS);

test('with CONTENT_WATCH a story saved into the folder reaches the cached home page, and one removed answers 410; a broken one is reported by line', async () => {
  const content = path.join(dir, 'watched-content');
  cpSync(INTEGRATION_CONTENT_DIR, content, { recursive: true });
  writeFileSync(path.join(content, 'articles/broken-lifecycle-story.mdx'), story({ title: 'Broken lifecycle story', section: 'no-such-section', publishedAt: '2020-01-01T00:00:00Z' }));
  const server = await startSiteServer({ port: await freePort(), env: { ...database('lifecycle_watch'), MASTHEAD_CONTENT_DIR: content, CONTENT_WATCH: 'true' } });
  try {
    // path:line: message, the path as it can be opened from where the server runs (a JSON log line's message here).
    const messages = jsonLines(server.output()).map((line) => String(line.msg));
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${content}/articles/broken-lifecycle-story\\.mdx:\\d+: .*no-such-section`)));
    // Stored by the anonymous cache; only a purge makes the new story show up within its lifetime.
    const before = await fetch(`${server.url}/`);
    expect(before.headers.get('x-cache')).toBe('MISS');
    expect((await fetch(`${server.url}/`)).headers.get('x-cache')).toBe('HIT');

    const title = `Lifecycle watcher story ${Date.now()}`;
    const file = path.join(content, 'articles/lifecycle-watcher-story.mdx');
    writeFileSync(file, story({ title, section: 'business', publishedAt: new Date(Date.now() - 60_000).toISOString() }));
    const home = await eventually('the new story on the home page', async () => {
      const text = decoded(await (await fetch(`${server.url}/`)).text());
      return text.includes(title) ? text : undefined;
    });
    const page = await fetch(`${server.url}/business/lifecycle-watcher-story/`);
    expect(page.status).toBe(200);
    const pageText = await page.text();
    expect(pageText).toContain('The free body of the lifecycle story.');
    for (const text of [home, pageText]) for (const locked of ['Lifecycle locked insight', 'Lifecycle locked action']) expect(text).not.toContain(locked);

    rmSync(file);
    await eventually('the removed story to answer 410', async () => ((await fetch(`${server.url}/business/lifecycle-watcher-story/`)).status === 410 ? true : undefined));
    expect(decoded(await (await fetch(`${server.url}/`)).text())).not.toContain(title);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, SITE_BUILD_TIMEOUT_MS);

test('a MASTHEAD_CONTENT_DIR that is not a folder stops the server with a message saying so', async () => {
  const missing = path.join(dir, 'no-such-folder');
  await expect(startSiteServer({ port: await freePort(), env: { DATA_DIR: path.join(dir, 'never-opened'), MASTHEAD_CONTENT_DIR: missing } })).rejects.toThrow(
    `MASTHEAD_CONTENT_DIR is ${missing}, which is not a folder`,
  );
  // Refused before the database was opened: nothing was created.
  expect(existsSync(path.join(dir, 'never-opened'))).toBe(false);
}, SITE_BUILD_TIMEOUT_MS);

function story(fields: { title: string; section: string; publishedAt: string }): string {
  return `---
title: "${fields.title}"
dek: "A story the lifecycle test writes into a watched folder."
summary: "It shows that a saved file reaches the pages while the server runs."
section: ${fields.section}
authors: [jonas-berg]
tags: [fixtures]
publishedAt: ${fields.publishedAt}
---

The free body of the lifecycle story.

<KeyInsights>

- Lifecycle locked insight.

</KeyInsights>

<ExecutiveActions>

1. Lifecycle locked action.

</ExecutiveActions>
`;
}
