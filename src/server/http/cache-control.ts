// Marks responses as public: outside caches (nginx, CDNs, browsers) may keep them for at most
// SHARED_CACHE_MAX_SECONDS (src/lib/http/cache-control.ts explains why that bounds
// publish-to-live to 10 s), and the page names the cache keys it was built from so the
// server's own cache (src/server/http/anonymous-cache.ts) can keep it for ANONYMOUS_CACHE_SECONDS
// and purge it exactly when content changes. No list of stories is consulted here: scheduled
// stories are published, and their pages purged, by src/server/content/scheduled-publisher.ts.
import { ANONYMOUS_CACHE_SECONDS } from 'astro:env/server';
import { CACHE_KEYS_HEADER, cacheKeysHeaderValue, publicCacheControl as publicFor } from '../../lib/http/cache-control.ts';

/** The Cache-Control for a public response (feeds, sitemap, robots.txt and pages alike). */
export function publicCacheControl(): string {
  return publicFor(ANONYMOUS_CACHE_SECONDS);
}

/** Marks a page public, filed under `keys` (src/lib/content/cache-keys.ts `cacheKeys`). A page
 * without keys cannot be purged, so the server's cache keeps it only for the shared lifetime. */
export function markPublic(headers: Headers, keys?: readonly string[]): void {
  headers.set('Cache-Control', publicCacheControl());
  headers.set('Vary', 'Cookie');
  if (keys && keys.length > 0) headers.set(CACHE_KEYS_HEADER, cacheKeysHeaderValue(keys));
  else headers.delete(CACHE_KEYS_HEADER);
}
