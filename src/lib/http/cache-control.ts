// Cache-Control values and the cache-keys header. A public page holds nothing personal, so a
// shared cache may keep it; anything personal is never stored.
//
// Two lifetimes, on purpose (the rule behind "a change is live within seconds"):
// - Outside caches (nginx as deploy/nginx/masthead.conf sets it up, CDNs, browsers) cannot be
//   purged, so they get at most SHARED_CACHE_MAX_SECONDS, and no stale-while-revalidate: a
//   publication or an edit is live through them within 10 s. The sum: the instances purge
//   their own copies within about 1 s (src/server/content/scheduled-publisher.ts ticks every
//   second; a change is announced as it is saved), and until then they may still hand the old
//   page to nginx, which keeps it 7 s, up to 8 s as it counts in whole seconds: at most ~9 s.
// - The server's own anonymous cache (src/server/http/anonymous-cache.ts) is purged exactly by
//   cache key, so a page that names its keys (CACHE_KEYS_HEADER) may stay there for the full
//   ANONYMOUS_CACHE_SECONDS; a page that names none keeps only the shared lifetime there too.

/** Longest an outside cache may keep a public page (see above: publish-to-live within 10 s). */
export const SHARED_CACHE_MAX_SECONDS = 7;

/** Response header naming the cache keys a page was built from (src/lib/content/cache-keys.ts),
 * separated by spaces. The server's anonymous cache reads it and removes it: never sent out. */
export const CACHE_KEYS_HEADER = 'x-cache-keys';

/** What outside caches may keep a page for: the configured seconds, at most SHARED_CACHE_MAX_SECONDS. */
export function sharedSeconds(configuredSeconds: number): number {
  return configuredSeconds > 0 ? Math.min(Math.floor(configuredSeconds), SHARED_CACHE_MAX_SECONDS) : 0;
}

/** The Cache-Control of a public page when the site is configured for `configuredSeconds`. */
export function publicCacheControl(configuredSeconds: number): string {
  const seconds = sharedSeconds(configuredSeconds);
  if (!(seconds > 0)) return 'public, no-cache';
  return `public, max-age=${seconds}, s-maxage=${seconds}`;
}

/** The CACHE_KEYS_HEADER value for `keys`; throws on a key that is empty or holds white space
 * (it would split into other keys, or break the header). */
export function cacheKeysHeaderValue(keys: readonly string[]): string {
  for (const key of keys) {
    if (key.length === 0 || /[\s,]/.test(key) || !/^[\x21-\x7e]+$/.test(key)) {
      throw new Error(`A cache key must be printable ASCII without spaces or commas; got ${JSON.stringify(key)}.`);
    }
  }
  return [...new Set(keys)].join(' ');
}

/** The keys in a CACHE_KEYS_HEADER value (as Node gives it: a string, several, or none). */
export function parseCacheKeys(value: string | string[] | number | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

export const PRIVATE_NO_STORE = 'private, no-store';
