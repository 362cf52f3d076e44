import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer } from '../support/site-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a built server starts on PGlite, serves a section, says it is healthy, and stops cleanly', async () => {
  await ensureIntegrationSite();
  const server = await startSiteServer({ port: 4401, env: { DATA_DIR: path.join(dir, 'data') } });
  try {
    expect((await fetch(`${server.url}/business/`)).status).toBe(200);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('private, no-store');
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, SITE_BUILD_TIMEOUT_MS);

test('a request in flight when SIGTERM arrives is answered before the server exits', async () => {
  const server = await startSiteServer({ port: 4401, env: { DATA_DIR: path.join(dir, 'data'), ANONYMOUS_CACHE_SECONDS: '0' } });
  // A search renders on demand and is slow enough to still be running at the signal.
  const inFlight = Promise.all(Array.from({ length: 30 }, () => fetch(`${server.url}/search/?q=battery`).then((r) => r.status)));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const exited = server.stop();
  expect(await inFlight).toEqual(Array(30).fill(200));
  expect(await exited).toBe(0);
}, SITE_BUILD_TIMEOUT_MS);
