// The embedded database (PGlite in DATA_DIR) keeps what readers did across restarts. A reader
// registers, confirms the address from the mail the server sent, and unlocks a story; the
// server is stopped (SIGTERM) and started again on the same folder: the reader signs in with
// the same password, sees the same balance and the story still open. Then the server is
// killed (SIGKILL) right after a second unlock was acknowledged: after the restart that
// unlock is there too.
//
// Why a kill loses nothing acknowledged: PGlite runs PostgreSQL with fsync=off, but its data
// folder is the real file system (Emscripten's NODEFS), so each commit's WAL is handed to the
// operating system with a synchronous write before the answer goes out, and a dead process
// cannot take back what the kernel already has. What fsync=off gives up is a crash of the
// machine itself (power loss, kernel panic): that can lose recent commits. PostgreSQL (with
// its default fsync=on) is the choice when that matters.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureIntegrationSite, SITE_BUILD_TIMEOUT_MS, startSiteServer, type SiteServer } from '../support/site-server.ts';
import { registerAndVerify, shownBalance, signIn, storyIsOpen } from '../support/faults/accounts.ts';
import { startMailBox, type MailBox } from '../support/mail-box.ts';
import { STORIES, unlockStoryOverHttp } from '../support/faults/http-client.ts';

const PORT = 4438;
const SMTP_PORT = 4437;
/** The welcome credits a confirmed reader starts with (src/lib/credits/credit-config.ts). */
const WELCOME = 3;

describe('PGlite data across restarts', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'masthead-faults-restart-'));
  let site: { outDir: string };
  let inbox: MailBox;
  let server: SiteServer | undefined;
  const start = async () => (server = await startSiteServer({ port: PORT, outDir: site.outDir, env: { DATA_DIR: dir, SMTP_URL: inbox.smtpUrl, TRUST_PROXY: 'true' } }));

  beforeAll(async () => {
    site = { outDir: await ensureIntegrationSite() };
    inbox = await startMailBox(SMTP_PORT);
  }, SITE_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.stop();
    await inbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a reader, their balance and their unlocks survive a stop and a crash', async () => {
    const [first, second] = [STORIES[0]!, STORIES[1]!];
    let running = await start();
    const reader = await registerAndVerify(running.url, inbox);
    expect((await unlockStoryOverHttp(running.url, first, reader.token)).outcome).toBe(303);
    expect(await shownBalance(running.url, reader.token)).toBe(WELCOME - 1);

    expect(await running.stop(), 'a clean stop exits 0').toBe(0);
    running = await start();
    // A new sign-in (the password hash was kept), and the session from before the restart still works.
    const token = await signIn(running.url, reader);
    expect(await shownBalance(running.url, token)).toBe(WELCOME - 1);
    expect(await shownBalance(running.url, reader.token)).toBe(WELCOME - 1);
    expect(await storyIsOpen(running.url, first, token)).toBe(true);
    expect(await storyIsOpen(running.url, second, token)).toBe(false);

    // Acknowledged, then killed at once: no clean shutdown, the lock file stays behind.
    expect((await unlockStoryOverHttp(running.url, second, token)).outcome).toBe(303);
    await running.kill();
    running = await start();
    const afterCrash = await signIn(running.url, reader);
    expect(await shownBalance(running.url, afterCrash)).toBe(WELCOME - 2);
    expect(await storyIsOpen(running.url, first, afterCrash)).toBe(true);
    expect(await storyIsOpen(running.url, second, afterCrash)).toBe(true);
  }, 180_000);
});
