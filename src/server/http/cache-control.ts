// Marks responses as public for the configured lifetime (ANONYMOUS_CACHE_SECONDS).
import { ANONYMOUS_CACHE_SECONDS } from 'astro:env/server';
import { publicCacheControl as publicFor } from '../../lib/http/cache-control.ts';

export function publicCacheControl(): string {
  return publicFor(ANONYMOUS_CACHE_SECONDS);
}

export function markPublic(headers: Headers): void {
  headers.set('Cache-Control', publicCacheControl());
  headers.set('Vary', 'Cookie');
}
