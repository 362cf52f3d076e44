// What the account commands need from the outside world, passed in so tests can supply a
// fixed clock, an in-memory database and a mail catcher.
import type { Db } from '../../../db/client.ts';

/**
 * Where commands' e-mails go. A command writes mail jobs to the database (enqueueMail in
 * src/server/mail/mail-jobs.ts, inside its transaction) and calls `queued()` once they are
 * committed. In the server that only wakes the background worker, so no request waits for
 * the mail server; tests may send the jobs before it resolves.
 */
export interface MailOutbox {
  queued(): Promise<void>;
}

export interface AuthDeps {
  db: Db;
  mail: MailOutbox;
  now: Date;
  siteUrl: string;
  publicationName: string;
}

/** Who is asking: for rate limits and the list of sessions. */
export interface RequestMeta {
  ipAddress: string;
  userAgent?: string | null | undefined;
}

/** A link on this site, carrying a token and where to go afterwards. */
export function siteLink(siteUrl: string, path: string, params: Record<string, string | undefined>): string {
  const url = new URL(path, siteUrl);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.href;
}
