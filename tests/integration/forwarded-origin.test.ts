// Forms keep working behind a proxy that ends TLS (TRUST_PROXY=true), and stay refused from
// another site; without a trusted proxy the forwarded scheme counts for nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-origin-'));
let trusted: SiteServer;
let direct: SiteServer;

beforeAll(async () => {
  await ensureIntegrationSite();
  [trusted, direct] = await Promise.all([
    startSiteServer({ port: 4402, env: { DATA_DIR: path.join(dir, 'trusted'), TRUST_PROXY: 'true' } }),
    startSiteServer({ port: 4403, env: { DATA_DIR: path.join(dir, 'direct') } }),
  ]);
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([trusted?.stop(), direct?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(server: SiteServer, origin: string) {
  const response = await fetch(`${server.url}/sign-in/?_action=signIn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'X-Forwarded-Proto': 'https', 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.9.8.7' },
    body: new URLSearchParams({ email: 'reader@demo.masthead.test', password: 'demo-reader-2026', next: '/' }),
  });
  return response.status;
}

describe('a form posted over HTTPS through a proxy', () => {
  it('signs in when the proxy is trusted and the form came from this site', async () => {
    expect(await signIn(trusted, `https://127.0.0.1:${trusted.port}`)).toBe(303);
  });

  it('is refused from another site, trusted proxy or not', async () => {
    expect(await signIn(trusted, 'https://evil.example')).toBe(403);
    expect(await signIn(direct, 'https://evil.example')).toBe(403);
  });

  it('is refused when the proxy is not trusted, since the scheme cannot be believed', async () => {
    expect(await signIn(direct, `https://127.0.0.1:${direct.port}`)).toBe(403);
  });
});
