// Builds what account commands need from an Astro request: the database, the mail outbox,
// the clock, the site's address and who is asking.
import type { APIContext } from 'astro';
import { readServerEnv, type ServerEnv } from '../config/server-env.ts';
import { getDb } from '../db/database.ts';
import { ensureMailWorker } from '../mail/process-mail-worker.ts';
import { now } from '../content/clock.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';

let env: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  env ??= readServerEnv();
  return env;
}

export async function authDeps(): Promise<AuthDeps> {
  const e = serverEnv();
  const db = await getDb();
  // The process's worker sends the jobs a command writes; waking it costs the request nothing.
  const worker = ensureMailWorker(db, e);
  const mail = { queued: async () => worker.wake() };
  return { db, mail, now: now(), siteUrl: e.siteUrl, publicationName: e.publicationName };
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
