// Counts kept until content changes: how many public stories a listing holds (story-lists.ts)
// and how many a search matches (src/server/search/search-service.ts). Each is the costliest
// query of its page at 200,000 stories, the same on every page of it, and it changes only when
// a story is saved, published, scheduled in or taken down (each announced, on every instance).
import { MAX_QUERY_LENGTH } from '../../lib/search/search-query.ts';
import { jsonBytes, keptUntilContentChanges } from './kept-until-content-changes.ts';

/** At least a thousand counts: each taken as its longest key (a search of MAX_QUERY_LENGTH, two bytes a character) and its number. */
const kept = keptUntilContentChanges<{ total: number }>({ maxBytes: 512 * 1024, ttlMs: 5 * 60_000, bytesOf: (value) => jsonBytes(value) + 2 * (MAX_QUERY_LENGTH + 8) });

/** The count under `key` ("list:…", "search:…"), `count()`'s or one kept from an earlier call. */
export async function keptTotal(key: string, count: () => Promise<number>): Promise<number> {
  return (await kept.get(key, async () => ({ total: await count() }))).total;
}
