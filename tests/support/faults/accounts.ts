// A reader's own journey over HTTP against a started server: register, confirm the e-mail
// from the link the server really sent (through the SMTP listener), sign in, read the balance
// and whether a story is open. Each step says what the server answered when it fails.
import { randomBytes } from 'node:crypto';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../mail-catcher.ts';
import { readStory, send, SESSION_COOKIE, type Answer, type Story } from './http-client.ts';

export interface Inbox {
  catcher: MailCatcher;
  /** The SMTP_URL to give the server. */
  smtpUrl: string;
  /** The path and query of the first link in the newest mail to `to` with this subject. */
  linkFor(to: string, subject: string, timeoutMs?: number): Promise<string>;
}

export async function startInbox(port: number): Promise<Inbox> {
  const mails: CaughtMail[] = [];
  const catcher = await startMailCatcher({ port, onMail: (mail) => mails.push(mail) });
  return {
    catcher,
    smtpUrl: `smtp://127.0.0.1:${catcher.port}`,
    async linkFor(to, subject, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = mails.findLast((m) => m.to.includes(to.toLowerCase()) && m.subject.includes(subject));
        const link = mail && /https?:\/\/\S+/.exec(mail.text)?.[0];
        if (link) {
          const url = new URL(link);
          return `${url.pathname}${url.search}`;
        }
        if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

export interface Credentials {
  email: string;
  password: string;
}

function expectStatus(step: string, answer: Answer, status: number): void {
  if (answer.outcome !== status) throw new Error(`${step} answered ${answer.outcome}, not ${status}: ${answer.body.slice(0, 300)}`);
}

/** The session token a successful sign-in or confirmation set. */
function sessionFrom(step: string, answer: Answer): string {
  for (const cookie of answer.headers?.getSetCookie() ?? []) {
    const [pair] = cookie.split(';');
    const [name, value] = (pair ?? '').split('=');
    if (name === SESSION_COOKIE && value) return value;
  }
  throw new Error(`${step} set no session cookie`);
}

/** Registers a new reader and confirms the address: signed in, with the welcome credits. */
export async function registerAndVerify(baseUrl: string, inbox: Inbox): Promise<Credentials & { token: string }> {
  const email = `faults-${randomBytes(5).toString('hex')}@example.test`;
  const password = `a calm phrase ${randomBytes(4).toString('hex')}`;
  const registered = await send(baseUrl, '/register/?_action=register', { form: { email, password, displayName: 'Fault Reader', next: '/' } });
  expectStatus('registration', registered, 303);
  const link = new URL(await inbox.linkFor(email, 'Confirm'), baseUrl);
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
