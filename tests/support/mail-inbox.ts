// The tests' view of the e-mail the test server sent: build-and-serve.ts writes each message
// the SMTP listener receives into TEST_MAIL_DIR as <n>.json; waitForMail polls that folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaughtMail } from './mail-catcher.ts';
import { TEST_MAIL_DIR } from './test-site.ts';

export interface MailQuery {
  to: string;
  /** A part of the subject, or a pattern it must match. */
  subject?: string | RegExp;
  /** Only messages received after this moment (to wait for a second one of a kind). */
  receivedAfter?: Date;
  /** Milliseconds; 10 s unless told. */
  timeout?: number;
}

export interface ReceivedMail {
  mail: CaughtMail;
  /** The first link in the plain-text part, as sent (on the canonical site URL). */
  link: string;
  /** That link's path, query and fragment, to open on the test server. */
  path: string;
}

function readMailbox(dir = TEST_MAIL_DIR): CaughtMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^\d+\.json$/.test(f));
  } catch {
    return [];
  }
  files.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CaughtMail);
}

function matches(mail: CaughtMail, query: MailQuery): boolean {
  if (!mail.to.includes(query.to.toLowerCase())) return false;
  if (query.receivedAfter && new Date(mail.receivedAt) <= query.receivedAfter) return false;
  if (query.subject === undefined) return true;
  return typeof query.subject === 'string' ? mail.subject.includes(query.subject) : query.subject.test(mail.subject);
}

export function firstLink(text: string): string | undefined {
  return /https?:\/\/[^\s<>"]+/.exec(text)?.[0]?.replace(/[.,;:)\]]+$/, '');
}

/** The newest message matching the query, once it has arrived; throws after the timeout. */
export async function waitForMail(query: MailQuery): Promise<ReceivedMail> {
  const deadline = Date.now() + (query.timeout ?? 10_000);
  for (;;) {
    const mail = readMailbox().filter((m) => matches(m, query)).at(-1);
    if (mail) {
      const link = firstLink(mail.text);
      if (!link) throw new Error(`The e-mail "${mail.subject}" to ${query.to} has no link in its text:\n${mail.text}`);
      const url = new URL(link);
      return { mail, link, path: `${url.pathname}${url.search}${url.hash}` };
    }
    if (Date.now() > deadline) {
      const seen = readMailbox().map((m) => `  ${m.to.join(', ')}: ${m.subject}`).join('\n') || '  (none)';
      throw new Error(`No e-mail to ${query.to}${query.subject ? ` with subject ${String(query.subject)}` : ''} arrived. Received so far:\n${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
