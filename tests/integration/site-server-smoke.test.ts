import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer } from '../support/site-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a built server starts on PGlite and serves a story', async () => {
  await ensureIntegrationSite();
  const server = await startSiteServer({ port: 4401, env: { DATA_DIR: path.join(dir, 'data') } });
  try {
    const response = await fetch(`${server.url}/business/`);
    expect(response.status).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, SITE_BUILD_TIMEOUT_MS);
