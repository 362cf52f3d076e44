// One Masthead server (scripts/serve.ts on the integration build) for a test that talks to it
// over HTTP: on PGlite in a temporary DATA_DIR, or with TEST_DATABASE_URL on a fresh
// PostgreSQL database; its mail goes to an SMTP listener the test can read; it trusts
// X-Forwarded-For, so each simulated client has an address of its own. Ports come from the
// system.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMailBox, type MailBox } from '../mail-box.ts';
import { ensureIntegrationSite, startSiteServer, type SiteServer } from '../site-server.ts';
import { freePort } from './nginx.ts';
import { createSharedPostgres, type SharedPostgres } from './postgres-database.ts';

export interface OneInstance {
  url: string;
  server: SiteServer;
  mail: MailBox;
  /** 'postgres' when TEST_DATABASE_URL is set. */
  kind: 'pglite' | 'postgres';
  /** A client on the server's PostgreSQL database, for checks beside it; none on PGlite (the server holds it). */
  sql: SharedPostgres['sql'] | undefined;
  stop(): Promise<void>;
}

export async function startOneInstance(label: string, env: Record<string, string> = {}): Promise<OneInstance> {
  await ensureIntegrationSite();
  const dir = mkdtempSync(path.join(os.tmpdir(), `masthead-${label}-`));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: SharedPostgres | undefined;
  let mail: MailBox | undefined;
  let server: SiteServer | undefined;
  const stop = async () => {
    await server?.stop();
    await Promise.allSettled([mail?.close(), database?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    database = serverUrl ? await createSharedPostgres(serverUrl, label.replace(/\W/g, '_')) : undefined;
    mail = await startMailBox(0);
    server = await startSiteServer({
      port: await freePort(),
      env: {
        ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: path.join(dir, 'data') }),
        SMTP_URL: mail.smtpUrl,
        TRUST_PROXY: 'true',
        ...env,
      },
    });
    return { url: server.url, server, mail, kind: database ? 'postgres' : 'pglite', sql: database?.sql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
