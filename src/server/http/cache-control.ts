// Marks responses as public for the configured lifetime (ANONYMOUS_CACHE_SECONDS), cut short
// when a scheduled story is due sooner so no cache hides it past its time.
import { ANONYMOUS_CACHE_SECONDS } from 'astro:env/server';
import { publicCacheControl as publicFor, publicLifetime } from '../../lib/http/cache-control.ts';
import { nextPublicationAfter, type Story } from '../../lib/content/story.ts';
import { loadedStories } from '../content/stories.ts';
import { now } from '../content/clock.ts';

// The next publication changes only when its time passes (or the stories load), so it is
// worked out once per change rather than over every story on every request.
let known: { stories: readonly Story[]; at: number; next: Date | undefined } | undefined;

function nextPublication(clock: Date): Date | undefined {
  const stories = loadedStories();
  const stale = !known || known.stories !== stories || clock.getTime() < known.at || (known.next !== undefined && known.next <= clock);
  if (stale) known = { stories, at: clock.getTime(), next: nextPublicationAfter(stories, clock) };
  return known!.next;
}

export function publicCacheControl(): string {
  const clock = now();
  const seconds = publicLifetime(ANONYMOUS_CACHE_SECONDS, clock, nextPublication(clock));
  // Cut short for a scheduled story: no stale copy either, or it would show up late.
  return seconds < ANONYMOUS_CACHE_SECONDS ? publicFor(seconds, 0) : publicFor(seconds);
}

export function markPublic(headers: Headers): void {
  headers.set('Cache-Control', publicCacheControl());
  headers.set('Vary', 'Cookie');
}
