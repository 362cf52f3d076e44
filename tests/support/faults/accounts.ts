// A reader's own journey over HTTP against a started server: register, confirm the e-mail
// from the link the server really sent (caught by mail-box.ts), sign in, read the balance and
// whether a story is open. Each step says what the server answered when it fails.
import { randomBytes } from 'node:crypto';
import type { MailBox } from '../mail-box.ts';
import { sessionCookieOf } from '../http-forms.ts';
import { readStory, send, type Answer, type Story } from './http-client.ts';

export interface Credentials {
  email: string;
  password: string;
}

function expectStatus(step: string, answer: Answer, status: number): void {
  if (answer.outcome !== status) throw new Error(`${step} answered ${answer.outcome}, not ${status}: ${answer.body.slice(0, 300)}`);
}

/** The session token a successful sign-in or confirmation set. */
function sessionFrom(step: string, answer: Answer): string {
  const cookie = answer.headers && sessionCookieOf({ headers: answer.headers });
  if (!cookie) throw new Error(`${step} set no session cookie`);
  return cookie.slice(cookie.indexOf('=') + 1);
}

/** Registers a new reader and confirms the address: signed in, with the welcome credits. */
export async function registerAndVerify(baseUrl: string, inbox: MailBox): Promise<Credentials & { token: string }> {
  const email = `faults-${randomBytes(5).toString('hex')}@example.test`;
  const password = `a calm phrase ${randomBytes(4).toString('hex')}`;
  const registered = await send(baseUrl, '/register/?_action=register', { form: { email, password, displayName: 'Fault Reader', next: '/' } });
  expectStatus('registration', registered, 303);
  const link = new URL(await inbox.waitForLink(email, 'Confirm', 30_000), baseUrl);
  const token = link.searchParams.get('token') ?? '';
  const verified = await send(baseUrl, '/verify-email/?_action=verifyEmail', { form: { token, next: '/' } });
  expectStatus('confirmation', verified, 303);
  return { email, password, token: sessionFrom('confirmation', verified) };
}

export async function signIn(baseUrl: string, who: Credentials): Promise<string> {
  const answer = await send(baseUrl, '/sign-in/?_action=signIn', { form: { email: who.email, password: who.password, next: '/' } });
  expectStatus('sign-in', answer, 303);
  return sessionFrom('sign-in', answer);
}

/** The balance the account page shows. */
export async function shownBalance(baseUrl: string, token: string): Promise<number> {
  const page = await send(baseUrl, '/account/', { token });
  expectStatus('the account page', page, 200);
  const match = /credits-balance__number">(\d+)</.exec(page.body);
  if (!match) throw new Error('no balance on the account page');
  return Number(match[1]);
}

/**
 * Whether the story shows its locked parts open to this reader (and not the offer). Matched
 * on the elements, not on class names alone: the page's inlined CSS names every class.
 */
export async function storyIsOpen(baseUrl: string, story: Story, token: string): Promise<boolean> {
  const page = await readStory(baseUrl, story, token);
  expectStatus('the story', page, 200);
  const open = /<section [^>]*class="[^"]*\blocked-part--open\b[^"]*"/.test(page.body);
  const offer = /<section [^>]*class="[^"]*\blocked-teaser\b[^"]*"/.test(page.body);
  if (open === offer) throw new Error(`the story page shows ${open ? 'both the open part and the offer' : 'neither the open part nor the offer'}`);
  return open;
}
