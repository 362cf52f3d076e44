// Cache-Control values. A public page holds nothing personal, so a shared cache (and the
// server's own anonymous cache) may keep it for `seconds`; anything personal is never stored.

export function publicCacheControl(seconds: number): string {
  if (!(seconds > 0)) return 'public, no-cache';
  return `public, max-age=${Math.min(seconds, 60)}, s-maxage=${seconds}, stale-while-revalidate=${seconds * 5}`;
}

export const PRIVATE_NO_STORE = 'private, no-store';
