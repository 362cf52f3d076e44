// Cache-Control values. A public page holds nothing personal, so a shared cache (and the
// server's own anonymous cache) may keep it for `seconds`; anything personal is never stored.

/** `staleSeconds`: how long a shared cache may answer with the expired page while it fetches
 * a fresh one (0 when the page must not outlive its lifetime, as before a scheduled story). */
export function publicCacheControl(seconds: number, staleSeconds = seconds * 5): string {
  if (!(seconds > 0)) return 'public, no-cache';
  const stale = staleSeconds > 0 ? `, stale-while-revalidate=${staleSeconds}` : '';
  return `public, max-age=${Math.min(seconds, 60)}, s-maxage=${seconds}${stale}`;
}

/**
 * The shared lifetime of a public page: the configured seconds, but never past the moment the
 * next scheduled story goes public (a listing kept longer would hide it). At least 1 second.
 */
export function publicLifetime(configuredSeconds: number, now: Date, nextPublication: Date | undefined): number {
  if (!(configuredSeconds > 0) || !nextPublication) return configuredSeconds;
  const untilNext = Math.ceil((nextPublication.getTime() - now.getTime()) / 1000);
  return Math.max(1, Math.min(configuredSeconds, untilNext));
}

export const PRIVATE_NO_STORE = 'private, no-store';
