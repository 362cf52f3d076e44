// Serves a signed-in reader's page from its frame (src/server/http/page-frames.ts) without
// rendering it: one database round trip for the session, the reader and their entitlement
// (src/server/paywall/reader-for-page.ts), then the reader's parts put in the frame's slots
// (src/lib/page-frame/frame.ts). It answers only a plain GET with the session cookie, without
// a query, for a path whose frame is kept; anything else, a session that needs a write, or a
// failed query goes to the full render (`false`), which also keeps the frame for next time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../../../db/client.ts';
import { readerFill } from '../../lib/page-frame/frame.ts';
import { canUseDesk } from '../../lib/desk/desk-access.ts';
import { nextRefillDate } from '../../lib/credits/monthly-refill.ts';
import { sessionCookieName } from '../auth/session-cookie.ts';
import { readerForPage, type PageReaderRows } from '../paywall/reader-for-page.ts';
import type { ReaderRowsCache } from '../paywall/reader-rows-cache.ts';
import { pageFrames } from './page-frames.ts';
import { readerKindOf, type ReaderKind } from '../log/request-record.ts';

export interface SignedInPagesOptions {
  db: Db;
  production: boolean;
  now: () => Date;
  graceDays: number;
  /** On the embedded database: the exact cache of the lookup's rows. */
  readerRows?: ReaderRowsCache<PageReaderRows> | undefined;
}

/** The value of cookie `name` in a Cookie header, decoded as Astro decodes it; undefined if absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** What the request log is told of a page that was assembled. */
export interface AssembledPage {
  route: string | undefined;
  reader: ReaderKind;
}

export function createSignedInPages({ db, production, now, graceDays, readerRows }: SignedInPagesOptions) {
  const cookieName = sessionCookieName(production);

  /** Answers `req` from a kept frame; false when the full render must answer instead. */
  return async function serveAssembled(req: IncomingMessage, res: ServerResponse): Promise<AssembledPage | false> {
    const frames = pageFrames();
    const url = req.url;
    if (!frames || req.method !== 'GET' || !url || url.includes('?')) return false;
    const token = cookieValue(req.headers.cookie, cookieName);
    if (!token) return false;
    const kept = frames.store.get(url, frames.settings.clock());
    if (!kept) return false;
    const clock = now();
    let found;
    try {
      found = await readerForPage(db, token, kept.article?.slug ?? '', clock, graceDays, readerRows);
    } catch {
      return false; // the full render reports a database outage as it always does
    }
    if (found.kind !== 'reader') return false;
    const { reader, state } = found;
    const fill = readerFill(
      { email: reader.email, showDesk: canUseDesk(reader.role), state, balance: reader.creditBalance, nextRefill: nextRefillDate(reader.creditBalance, clock) },
      kept.article,
    );
    // The kept texts are written as they are, the reader's parts between them, in one corked
    // write: nothing of the frame is copied per request.
    const chunks: Buffer[] = [];
    let length = 0;
    kept.slots.forEach((slot, i) => chunks.push(kept.texts[i] as Buffer, Buffer.from(fill(slot))));
    chunks.push(kept.texts[kept.slots.length] as Buffer);
    for (const chunk of chunks) length += chunk.length;
    res.writeHead(200, { ...kept.headers, 'content-length': length });
    res.cork();
    for (const chunk of chunks) res.write(chunk);
    res.end();
    return { route: kept.route, reader: readerKindOf(reader.role, found.facts.isMember) };
  };
}
