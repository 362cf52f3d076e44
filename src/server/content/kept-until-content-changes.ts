// Small read results kept in memory until content changes, bounded in bytes: "More in
// <Section>" is three queries per article (the costliest part of an article page at 200,000
// stories) whose answer changes only when a story is saved, published, scheduled in or taken
// down, and each of those announces a content change (src/server/content/content-changes.ts,
// on every instance). Any change drops every entry; a read that a change overtook is not kept;
// a failed read is not kept. Entries also expire after `ttlMs`, so a change notice lost between
// instances heals by itself. An LRU of lru-cache, sized by an estimate of each value's bytes.
import { LRUCache } from 'lru-cache';
import { onContentChange } from './content-changes.ts';

export interface KeptReads<V> {
  /** The kept value for `key`, or `read()`'s (kept for the next call unless content changed meanwhile). */
  get(key: string, read: () => Promise<V>): Promise<V>;
  /** How many values and about how many bytes are kept (for tests and metrics). */
  stats(): { entries: number; bytes: number };
}

export interface KeptReadsOptions<V> {
  maxBytes: number;
  ttlMs: number;
  /** An estimate of the memory `value` holds, in bytes (at least 1). */
  bytesOf: (value: V) => number;
}

/** A cache of reads that every content change empties. */
export function keptUntilContentChanges<V extends object>(options: KeptReadsOptions<V>): KeptReads<V> {
  const cache = new LRUCache<string, V>({
    maxSize: options.maxBytes,
    sizeCalculation: (value) => Math.max(1, Math.ceil(options.bytesOf(value))),
    ttl: options.ttlMs,
  });
  let generation = 0;
  onContentChange(() => {
    generation += 1;
    cache.clear();
  });
  return {
    async get(key, read) {
      const kept = cache.get(key);
      if (kept !== undefined) return kept;
      const startedAt = generation;
      const value = await read();
      if (generation === startedAt) cache.set(key, value);
      return value;
    },
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize }),
  };
}

/** About what a value's strings take in memory: two bytes per character of its JSON. */
export function jsonBytes(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}
