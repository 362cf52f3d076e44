// The anonymous page cache's storage, with no I/O: entries filed by URL and by the cache keys
// their page declared (src/lib/content/cache-keys.ts), bounded in bytes (body, gzipped copy,
// headers and names all counted), least recently used evicted first, purged by key or ('*')
// all at once. It also remembers purges that happen while a page is being rendered, so a page
// built from data older than a purge is never stored after it (src/server/http/anonymous-cache.ts).

/** Purging this key clears everything (sent when the keys would not fit, or after an outage). */
export const PURGE_ALL = '*';

export interface StoredPage {
  /** Cache keys the page declared; empty when it declared none. */
  keys: readonly string[];
  /** Bytes the entry costs: everything it holds. */
  bytes: number;
  expiresAt: number;
}

export interface PageStoreCounters {
  hits: number;
  misses: number;
  evictions: number;
  /** Entries removed by purge(). */
  purged: number;
  bytes: number;
  entries: number;
}

/** A render under way: collects the keys purged while it runs. */
export interface RenderTicket {
  purgedSince: Set<string>;
}

export function createKeyedPageStore<T extends StoredPage>(limits: { maxBytes: number; maxEntries?: number | undefined }) {
  const entries = new Map<string, T>(); // insertion order = least recently used first
  const byKey = new Map<string, Set<string>>();
  const renders = new Set<RenderTicket>();
  const counters = { hits: 0, misses: 0, evictions: 0, purged: 0 };
  let bytes = 0;

  function remove(url: string): void {
    const entry = entries.get(url);
    if (!entry) return;
    entries.delete(url);
    bytes -= entry.bytes;
    for (const key of entry.keys) {
      const urls = byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) byKey.delete(key);
    }
  }

  function get(url: string, now: number): T | undefined {
    const hit = entries.get(url);
    if (!hit || hit.expiresAt <= now) {
      if (hit) remove(url);
      counters.misses++;
      return undefined;
    }
    entries.delete(url);
    entries.set(url, hit); // most recently used goes last
    counters.hits++;
    return hit;
  }

  /** Stores `entry` unless it is larger than the whole cache; evicts the least recently used to fit. */
  function put(url: string, entry: T): boolean {
    remove(url);
    if (entry.bytes > limits.maxBytes) return false;
    entries.set(url, entry);
    bytes += entry.bytes;
    for (const key of entry.keys) {
      const urls = byKey.get(key) ?? new Set<string>();
      urls.add(url);
      byKey.set(key, urls);
    }
    while (bytes > limits.maxBytes || (limits.maxEntries !== undefined && entries.size > limits.maxEntries)) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined || oldest === url) break;
      remove(oldest);
      counters.evictions++;
    }
    return true;
  }

  /** Removes every entry filed under any of `keys` ('*': all); returns how many went. */
  function purge(keys: readonly string[]): number {
    for (const render of renders) for (const key of keys) render.purgedSince.add(key);
    const before = entries.size;
    if (keys.includes(PURGE_ALL)) {
      entries.clear();
      byKey.clear();
      bytes = 0;
    } else {
      for (const key of keys) for (const url of [...(byKey.get(key) ?? [])]) remove(url);
    }
    counters.purged += before - entries.size;
    return before - entries.size;
  }

  /** Call when a render starts; pass the ticket to finishRender when it ends (stored or not). */
  function startRender(): RenderTicket {
    const ticket = { purgedSince: new Set<string>() };
    renders.add(ticket);
    return ticket;
  }

  /** Ends a render; true when nothing it was built from was purged meanwhile (it may be stored). */
  function finishRender(ticket: RenderTicket, keys: readonly string[]): boolean {
    renders.delete(ticket);
    if (ticket.purgedSince.has(PURGE_ALL)) return false;
    // A page that named no keys could show anything: any purge while it rendered spoils it.
    if (keys.length === 0) return ticket.purgedSince.size === 0;
    return !keys.some((key) => ticket.purgedSince.has(key));
  }

  return {
    get,
    put,
    purge,
    startRender,
    finishRender,
    clear: () => purge([PURGE_ALL]),
    size: () => entries.size,
    counters: (): PageStoreCounters => ({ ...counters, bytes, entries: entries.size }),
  };
}

export type KeyedPageStore<T extends StoredPage> = ReturnType<typeof createKeyedPageStore<T>>;
