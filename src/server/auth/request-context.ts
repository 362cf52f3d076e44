// Builds what account commands need from an Astro request: the database, the mailer, the
// clock, the site's address and who is asking.
import type { APIContext } from 'astro';
import { readServerEnv, type ServerEnv } from '../config/server-env.ts';
import { getDb } from '../db/database.ts';
import { outboxMailer, smtpMailer, type Mailer } from '../mail/mailer.ts';
import { now } from '../content/clock.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';

let env: ServerEnv | undefined;
let mailer: Mailer | undefined;

export function serverEnv(): ServerEnv {
  env ??= readServerEnv();
  return env;
}

function getMailer(): Mailer {
  const e = serverEnv();
  mailer ??= e.smtpUrl ? smtpMailer(e.smtpUrl, e.mailFrom) : outboxMailer(e.outboxDir, e.mailFrom);
  return mailer;
}

export async function authDeps(): Promise<AuthDeps> {
  const e = serverEnv();
  return { db: await getDb(), mailer: getMailer(), now: now(), siteUrl: e.siteUrl, publicationName: e.publicationName };
}

type RequestLike = Pick<APIContext, 'request' | 'clientAddress'>;

export function requestMeta(ctx: RequestLike): RequestMeta {
  const forwarded = serverEnv().trustProxy ? ctx.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  let address = forwarded || 'unknown';
  if (!forwarded) {
    try {
      address = ctx.clientAddress;
    } catch {
      // no socket address (e.g. prerendering)
    }
  }
  return { ipAddress: address, userAgent: ctx.request.headers.get('user-agent') };
}
