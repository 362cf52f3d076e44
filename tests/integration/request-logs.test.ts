// The server's log on a real server (scripts/serve.ts on the integration build, LOG_FORMAT=json):
// one JSON line per request with its fields, the id sent back as X-Request-Id (a trusted
// proxy's id kept, an untrusted one replaced), business events for a registration, a
// verification and an unlock, an error's line with its stack and the same id on the 500 page,
// and never an address, a token, a cookie or an e-mail address. The 500 comes from a table the
// account page reads, moved away before the server starts. PGlite, or PostgreSQL with
// TEST_DATABASE_URL.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { hashPassword } from '../../src/server/auth/password-hash.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { registerVerifiedReader, SESSION_COOKIE, sessionCookieOf } from '../support/http-forms.ts';
import { startMailBox, type MailBox } from '../support/mail-box.ts';
import { createReader } from '../support/reader-factory.ts';
import { startSeededSite, type SeededSite } from '../support/seeded-site.ts';
import { SITE_BUILD_TIMEOUT_MS } from '../support/site-server.ts';
import { lockedStories } from '../support/locked-stories.ts';
import { jsonLines, requestLinesOf, sendWithId, waitForLines, type LogLine, type SentRequest } from '../support/log-lines.ts';

const TIMEOUT_MS = 60_000;
const PASSWORD = 'a long phrase for the log test';
const REQUEST_LINE_KEYS = ['cache', 'durationMs', 'level', 'method', 'msg', 'reader', 'requestId', 'route', 'status', 'time'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let mail: MailBox;
let site: SeededSite;
let reader: { email: string };
let tokens: { member: string; editor: string };
const sent: SentRequest[] = [];

async function send(...args: Parameters<typeof sendWithId>): Promise<SentRequest> {
  const request = await sendWithId(...args);
  sent.push(request);
  return request;
}

/** The one request line of `request`, once written. */
async function lineOf(request: SentRequest): Promise<LogLine> {
  const lines = await waitForLines(() => site.server.output(), (all) => requestLinesOf(all, request.id).length > 0);
  const found = requestLinesOf(lines, request.id);
  expect(found, `lines for ${request.id}`).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  mail = await startMailBox(0);
  ({ site, seeded: { reader, tokens } } = await startSeededSite('request_logs', async (db, now) => {
    const signingIn = await createReader(db, now, { credits: 3 });
    await db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, signingIn.id));
    const member = await createReader(db, now, { membership: { status: 'active', currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000) } });
    const editor = await createReader(db, now, { role: 'editor' });
    // The account page reads this table: without it, the page fails as an unforeseen error would.
    await db.execute(sql`alter table billing_customers rename to billing_customers_moved_by_test`);
    const sessionOf = async (userId: string) => (await createSession(db, userId, now)).token;
    return { reader: { email: signingIn.email }, tokens: { member: await sessionOf(member.id), editor: await sessionOf(editor.id) } };
  }, { env: { SMTP_URL: mail.smtpUrl, LOG_FORMAT: 'json' } }));
}, SITE_BUILD_TIMEOUT_MS);

afterAll(async () => {
  await site?.stop();
  await mail?.close();
});

describe('the request log', () => {
  // content/ is part of the integration site's content.
  const [story] = lockedStories();
  const storyPath = `/${story!.section}/${story!.slug}/`;
  let cookie = '';
  let unlocked: SentRequest;
  let failed: SentRequest;

  it('writes one line per request with its fields, and sends its id back as X-Request-Id', async () => {
    const miss = await send(site.url, '/');
    const hit = await send(site.url, '/');
    expect(await lineOf(miss)).toMatchObject({ level: 'info', msg: 'request', method: 'GET', route: '/', status: 200, cache: 'miss', reader: 'anonymous' });
    const hitLine = await lineOf(hit);
    expect(hitLine).toMatchObject({ route: '/', status: 200, cache: 'hit', reader: 'anonymous' });
    expect(Object.keys(hitLine).sort()).toEqual(REQUEST_LINE_KEYS);
    expect(hitLine.durationMs).toEqual(expect.any(Number));
    // The proxy in front is trusted (TRUST_PROXY=true), so its ids are kept.
    for (const request of [miss, hit]) expect(request.response.headers.get('x-request-id')).toBe(request.id);
  }, TIMEOUT_MS);

  it('names the route pattern, the reader and how the page was made: rendered, assembled, for a reader, a member, an editor', async () => {
    const signedIn = await send(site.url, '/sign-in/?_action=signIn', { form: { email: reader.email, password: PASSWORD, next: '/' } });
    expect(signedIn.response.status).toBe(303);
    cookie = sessionCookieOf(signedIn.response) ?? '';
    expect(await lineOf(signedIn)).toMatchObject({ method: 'POST', route: '/sign-in', status: 303, cache: 'none' });
    unlocked = await send(site.url, `${storyPath}?_action=unlock`, { form: { slug: story!.slug }, cookie });
    expect(unlocked.response.status).toBe(303);
    expect(await lineOf(unlocked)).toMatchObject({ route: '/[section]/[slug]', reader: 'reader', status: 303 });
    const [rendered, assembled] = [await send(site.url, storyPath, { cookie }), await send(site.url, storyPath, { cookie })];
    expect(await lineOf(rendered)).toMatchObject({ route: '/[section]/[slug]', reader: 'reader', status: 200 });
    expect(await lineOf(assembled)).toMatchObject({ route: '/[section]/[slug]', reader: 'reader', status: 200, cache: 'assembled' });
    for (const request of [await send(site.url, storyPath, { cookie: `${SESSION_COOKIE}=${tokens.member}` }), await send(site.url, storyPath, { cookie: `${SESSION_COOKIE}=${tokens.member}` })]) {
      expect(await lineOf(request)).toMatchObject({ route: '/[section]/[slug]', reader: 'member' });
    }
    expect(await lineOf(await send(site.url, '/', { cookie: `${SESSION_COOKIE}=${tokens.editor}` }))).toMatchObject({ route: '/', reader: 'editor', cache: 'none' });
  }, TIMEOUT_MS);

  it('logs an error as one line with the request id and the stack; the reader sees the 500 page with the id', async () => {
    failed = await send(site.url, '/account/', { cookie });
    expect(failed.response.status).toBe(500);
    const page = await failed.response.text();
    expect(page).toContain('Something went wrong on our side');
    expect(page).toContain(failed.id);
    expect(await lineOf(failed)).toMatchObject({ route: '/account', status: 500, reader: 'reader' });
    const errors = jsonLines(site.server.output()).filter((line) => line.level === 'error' && line.requestId === failed.id);
    expect(errors).toHaveLength(1);
    expect((errors[0]!.err as { stack: string }).stack).toMatch(/billing_customers[\s\S]*\n\s+at /);
  }, TIMEOUT_MS);

  it('logs business events with a stable name: registration, verification, e-mail sent, unlock', async () => {
    const registered = await registerVerifiedReader(site.url, mail, 'logs');
    const lines = await waitForLines(() => site.server.output(), (all) => all.some((line) => line.event === 'account.verified'));
    const events = (name: string) => lines.filter((line) => line.event === name);
    expect(events('story.unlocked')).toEqual([expect.objectContaining({ requestId: unlocked.id, story: story!.slug, charged: true, userId: expect.any(String) })]);
    expect(events('account.registered')).toEqual([expect.objectContaining({ outcome: 'new', requestId: expect.any(String) })]);
    expect(events('account.verified')).toEqual([expect.objectContaining({ via: 'link', requestId: expect.any(String) })]);
    expect(events('mail.sent')).toContainEqual(expect.objectContaining({ mailKind: 'verify-email' }));
    // The e-mail address of the new reader is nowhere: it is checked with the rest below.
    reader = { email: `${reader.email} ${registered.email}` };
  }, TIMEOUT_MS);

  it('never holds an e-mail address, a password, a session token, a cookie or a client address', async () => {
    const output = site.server.output();
    const secrets = [...reader.email.split(' '), PASSWORD, cookie.split('=')[1]!, tokens.member, tokens.editor, ...sent.map((r) => r.clientAddress)];
    for (const secret of secrets) expect(output, secret).not.toContain(secret);
    expect(output).not.toMatch(/masthead_session|[\w.+-]+@example\.test/);
    expect(jsonLines(output).filter((line) => line.msg === 'request' && String(line.route).includes('?'))).toEqual([]);
  }, TIMEOUT_MS);
});

describe('without TRUST_PROXY', () => {
  it('replaces the X-Request-Id a client sends with one of its own', async () => {
    const { site: untrusted } = await startSeededSite('request_logs_untrusted', async () => undefined, { env: { TRUST_PROXY: 'false', LOG_FORMAT: 'json' } });
    try {
      const request = await sendWithId(untrusted.url, '/robots.txt');
      const id = request.response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      const lines = await waitForLines(() => untrusted.server.output(), (all) => requestLinesOf(all, id).length === 1);
      expect(requestLinesOf(lines, id)[0]).toMatchObject({ route: '/robots.txt', status: 200 });
      expect(untrusted.server.output()).not.toContain(request.id);
    } finally {
      await untrusted.stop();
    }
  }, SITE_BUILD_TIMEOUT_MS);
});
