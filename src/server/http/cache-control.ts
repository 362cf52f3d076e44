// Cache-Control values. Public pages hold nothing personal, so a shared cache (and the
// server's own anonymous cache) may keep them briefly; anything personal is never stored.
import { ANONYMOUS_CACHE_SECONDS } from 'astro:env/server';

export function publicCacheControl(seconds = ANONYMOUS_CACHE_SECONDS): string {
  return `public, max-age=${Math.min(seconds, 60)}, s-maxage=${seconds}, stale-while-revalidate=${seconds * 5}`;
}

export const PRIVATE_NO_STORE = 'private, no-store';

export function markPublic(headers: Headers, seconds?: number): void {
  headers.set('Cache-Control', publicCacheControl(seconds));
  headers.set('Vary', 'Cookie');
}
