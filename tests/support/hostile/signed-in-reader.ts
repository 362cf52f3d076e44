// A verified reader signed in through the real forms: registers, confirms with the link from
// the e-mail, signs out of the session that confirming made, and signs in with the password.
// It ends with exactly one session, so "end my other sessions" has nothing to end.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CaughtMail } from '../mail-catcher.ts';
import { firstLink } from '../mail-inbox.ts';
import { postForm, sessionCookieOf, type SignedInReader } from '../http-forms.ts';

export type { SignedInReader };

async function post(url: string, path: string, form: Record<string, string>, cookie?: string): Promise<Response> {
  const response = await postForm(url, path, form, { cookie });
  if (response.status !== 303) throw new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

function sessionCookie(response: Response): string {
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

async function confirmationToken(mail: CaughtMail[], to: string): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const message = mail.find((m) => m.to.includes(to));
    const link = message && firstLink(message.text);
    const token = link && new URL(link).searchParams.get('token');
    if (token) return token;
    await sleep(100);
  }
  throw new Error(`no confirmation e-mail reached ${to}`);
}

export async function signedInReader(url: string, mail: CaughtMail[]): Promise<SignedInReader> {
  const email = `hostile-reader-${randomBytes(4).toString('hex')}@example.test`;
  const password = `a phrase only this reader uses ${randomBytes(6).toString('hex')}`;
  await post(url, '/register/?_action=register', { email, password, next: '/' });
  const confirmed = await post(url, '/verify-email/?_action=verifyEmail', { token: await confirmationToken(mail, email), next: '/' });
  await post(url, '/sign-out/?_action=signOut', {}, sessionCookie(confirmed));
  const signedIn = await post(url, '/sign-in/?_action=signIn', { email, password, next: '/' });
  return { email, password, cookie: sessionCookie(signedIn) };
}
