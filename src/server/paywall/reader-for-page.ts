// The session, the reader and their entitlement for one story, in one round trip: what an
// assembled signed-in page needs per request (src/server/http/signed-in-pages.ts). It only
// reads. Whenever a request would have to write (a session to extend or delete, a monthly
// refill to apply) or the token names no live session, it answers `render`, and the request
// goes to the full render, whose middleware and page do those writes as before
// (src/middleware.ts, readerAfterRefill in src/server/credits/ledger.ts).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sessions, subscriptions, users } from '../../../db/schema/index.ts';
import { parseToken, secretMatches } from '../../lib/auth/token.ts';
import { isSessionExpired, shouldTouchSession } from '../../lib/auth/session-policy.ts';
import { resolveEntitlement, type EntitlementState, type ReaderFacts } from '../../lib/paywall/entitlement.ts';
import { refillMayBeDue } from '../credits/ledger.ts';
import { READER_COLUMNS, type Reader } from '../auth/sessions.ts';
import type { ReaderRowsCache } from './reader-rows-cache.ts';
import { ACCESS_COLUMNS, factsFromAccessRows } from './reader-access.ts';

export type PageReader = { kind: 'reader'; reader: Reader; facts: ReaderFacts; state: EntitlementState } | { kind: 'render' };

const RENDER = { kind: 'render' } as const;

// One row per membership the reader has (one row of nulls when none), each with the session
// and the reader, and whether they unlocked the story. Prepared once per database handle.
function prepareLookup(db: Db) {
  return db
    .select({
      secretHash: sessions.secretHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      user: READER_COLUMNS,
      ...ACCESS_COLUMNS,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(subscriptions, eq(subscriptions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('masthead_reader_for_page');
}
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

export type PageReaderRows = Awaited<ReturnType<ReturnType<typeof prepareLookup>['execute']>>;

/**
 * `storySlug`: the article's slug, or '' for a page without locked parts (no story has it).
 * `cache`: the embedded database's exact cache of these rows (./reader-rows-cache.ts), if any.
 */
export async function readerForPage(db: Db, token: string, storySlug: string, now: Date, graceDays: number, cache?: ReaderRowsCache<PageReaderRows>): Promise<PageReader> {
  const parts = parseToken(token);
  if (!parts) return RENDER;
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
  const read = () => lookup.execute({ id: parts.id, slug: storySlug });
  const rows = cache ? await cache.rows(`${parts.id} ${storySlug}`, read) : await read();
  const first = rows[0];
  if (!first || !secretMatches(parts.secret, first.secretHash)) return RENDER;
  if (isSessionExpired(first, now) || shouldTouchSession(first, now) || refillMayBeDue(first.user, now)) return RENDER;
  const reader = first.user;
  const facts = factsFromAccessRows(reader, rows, now, graceDays);
  return { kind: 'reader', reader, facts, state: resolveEntitlement(facts) };
}
