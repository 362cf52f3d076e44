import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, expect, test } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer } from '../support/site-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a built server starts on PGlite, serves a section, says it is healthy, and stops cleanly', async () => {
  await ensureIntegrationSite();
  const server = await startSiteServer({ port: 4401, env: { DATA_DIR: path.join(dir, 'data') } });
  try {
    expect((await fetch(`${server.url}/business/`)).status).toBe(200);
    const health = await fetch(`${server.url}/healthz`, { redirect: 'manual' });
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('private, no-store');
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
  } finally {
    expect(await server.stop()).toBe(0);
  }
}, SITE_BUILD_TIMEOUT_MS);

test('a request in flight when SIGTERM arrives is answered before the server exits', async () => {
  const server = await startSiteServer({ port: 4401, env: { DATA_DIR: path.join(dir, 'data') } });
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
