// The server process's one mail worker. The start script (scripts/serve.ts) starts it at boot
// and stops it on shutdown; the app's bundle (a separate copy of these modules) finds it
// through a global symbol, and starts it on first use where nothing else did (`astro dev`).
import type { Db } from '../../../db/client.ts';
import type { ServerEnv } from '../config/server-env.ts';
import { now } from '../content/clock.ts';
import { outboxMailer, smtpMailer, type Mailer } from './mailer.ts';
import { startMailWorker, type MailWorker } from './mail-worker.ts';
import { log } from '../log/logger.ts';
import { redactText } from '../log/redact.ts';

const KEY = Symbol.for('masthead.mailWorker');
type Holder = { [KEY]?: MailWorker };
const holder = globalThis as Holder;

export function mailerFromEnv(env: ServerEnv): Mailer {
  return env.smtpUrl ? smtpMailer(env.smtpUrl, env.mailFrom) : outboxMailer(env.outboxDir, env.mailFrom);
}

/** The publication's address for help: MAIL_CONTACT, or else the address mail is sent from. */
export function mailContact(env: ServerEnv): string {
  return env.mailContact ?? /<([^>]+)>/.exec(env.mailFrom)?.[1] ?? env.mailFrom;
}

/** Starts the process's worker unless one runs already; returns the one that runs. */
export function ensureMailWorker(db: Db, env: ServerEnv): MailWorker {
  holder[KEY] ??= startMailWorker({
    db,
    mailer: mailerFromEnv(env),
    now,
    siteUrl: env.siteUrl,
    publicationName: env.publicationName,
    contact: mailContact(env),
    log: (line) => log().warn(redactText(line)),
  });
  return holder[KEY];
}

/** On shutdown: the job in hand is finished, the others are left for the next start or another instance. */
export async function stopMailWorker(): Promise<void> {
  const worker = holder[KEY];
  delete holder[KEY];
  await worker?.stop();
}
