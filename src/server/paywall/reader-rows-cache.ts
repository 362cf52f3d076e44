// Keeps the rows of the signed-in page lookup (src/server/paywall/reader-for-page.ts) for a
// short while on the embedded database, where each query runs on the server's own thread and
// costs most of an assembled page. Exact, not merely fresh enough: each entry is kept with the
// database's write count (db/pglite-writes.ts) read before its query, and used only while that
// count is unchanged, so any write (a sign-out, an unlock, a payment, a role change, or
// anything else) makes every entry old at once. The session's times, the refill and the
// membership are judged again on every use from the kept rows and the current clock.
// Why that is exact: PGlite runs one statement at a time, in the order they reach it, and the
// count moves when a write reaches it and again when the write is done. A read whose count did
// not move from before it was sent until its answer came ran wholly before or after every
// write, and saw the database as it still is; a request that follows a write's answer finds
// the count moved past every entry kept before.
import { LRUCache } from 'lru-cache';

export interface ReaderRowsCacheOptions {
  /** The database's write count. */
  writeCount: () => number;
  maxEntries?: number;
  ttlMs?: number;
}

export interface ReaderRowsCache<R> {
  /** The rows kept for `key`, or `read()`'s, kept unless the database was written meanwhile. */
  rows(key: string, read: () => Promise<R>): Promise<R>;
  stats(): { entries: number; hits: number; misses: number };
}

export function createReaderRowsCache<R extends object>({ writeCount, maxEntries = 5000, ttlMs = 60_000 }: ReaderRowsCacheOptions): ReaderRowsCache<R> {
  const kept = new LRUCache<string, { writes: number; rows: R }>({ max: maxEntries, ttl: ttlMs });
  let hits = 0;
  let misses = 0;
  return {
    async rows(key, read) {
      const writes = writeCount();
      const entry = kept.get(key);
      if (entry && entry.writes === writes) {
        hits++;
        return entry.rows;
      }
      misses++;
      const rows = await read();
      if (writeCount() === writes) kept.set(key, { writes, rows });
      else kept.delete(key);
      return rows;
    },
    stats: () => ({ entries: kept.size, hits, misses }),
  };
}
