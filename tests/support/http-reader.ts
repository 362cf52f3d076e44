// Readers driven over HTTP (no browser), each with its own cookie jar and its own client
// address (the test server trusts X-Forwarded-For), so rate limits per address never collide.
import { randomBytes } from 'node:crypto';
import { request, type APIRequestContext } from '@playwright/test';
import { waitForMail } from './mail-inbox.ts';
import { randomClientAddress } from './http-forms.ts';
import { TEST_BASE_URL } from './test-site.ts';
import { unverifiedReader } from './unverified-readers.ts';

export interface HttpReader {
  api: APIRequestContext;
  email: string;
  password: string;
}

export async function anonymousClient(): Promise<APIRequestContext> {
  return request.newContext({ baseURL: TEST_BASE_URL, extraHTTPHeaders: { Origin: TEST_BASE_URL, 'X-Forwarded-For': randomClientAddress() } });
}

/**
 * Registers a new account; with `verify`, also confirms it (3 welcome credits, signed in).
 * `next` is where the registration started (a story path attributes the account to it).
 * Without `verify`, a signed-in reader whose address is unconfirmed, from the seeded pool
 * (see unverified-readers.ts): no flow signs such a reader in any more.
 */
export async function newReader(options: { verify: boolean; next?: string }): Promise<HttpReader> {
  if (!options.verify) return unverifiedReader();
  const api = await anonymousClient();
  const email = `paywall-${randomBytes(5).toString('hex')}@example.test`;
  const password = `a phrase for ${randomBytes(4).toString('hex')}`;
  const registered = await api.post('/register/?_action=register', { form: { email, password, next: options.next ?? '/' }, maxRedirects: 0 });
  if (registered.status() !== 303) throw new Error(`registration answered ${registered.status()}`);
  const { path } = await waitForMail({ to: email, subject: 'Confirm your e-mail' });
  const token = new URL(path, TEST_BASE_URL).searchParams.get('token') ?? '';
  const verified = await api.post('/verify-email/?_action=verifyEmail', { form: { token, next: '/' }, maxRedirects: 0 });
  if (verified.status() !== 303) throw new Error(`verification answered ${verified.status()}`);
  return { api, email, password };
}

export async function demoReader(who: 'member' | 'editor' | 'reader' | 'admin'): Promise<HttpReader> {
  const api = await anonymousClient();
  const email = `${who}@demo.masthead.test`;
  const password = `demo-${who}-2026`;
  const res = await api.post('/sign-in/?_action=signIn', { form: { email, password, next: '/' }, maxRedirects: 0 });
  if (res.status() !== 303) throw new Error(`demo ${who} sign-in answered ${res.status()}`);
  return { api, email, password };
}

/** POSTs the unlock form of a story; 303 means unlocked (or already had access). */
export async function unlockOverHttp(reader: HttpReader, section: string, slug: string) {
  return reader.api.post(`/${section}/${slug}/?_action=unlock`, { form: { slug }, maxRedirects: 0 });
}

/** The balance shown on the account page. */
export async function shownBalance(reader: HttpReader): Promise<number> {
  const html = await (await reader.api.get('/account/')).text();
  const match = /credits-balance__number">(\d+)</.exec(html);
  if (!match) throw new Error('no balance on the account page');
  return Number(match[1]);
}
