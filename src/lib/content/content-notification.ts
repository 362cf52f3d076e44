// What one instance tells the others when content changes (src/server/content/content-channel.ts):
// the cache keys, tagged with the sending instance so it can ignore its own echo. PostgreSQL
// refuses a NOTIFY payload of 8000 bytes or more; keys that would not fit are sent as ['*'],
// "purge everything", which is always correct, only less exact.
import { PURGE_ALL } from '../http/keyed-page-store.ts';

/** PostgreSQL's limit is 8000 bytes; a little room is kept. */
export const MAX_NOTIFICATION_BYTES = 7900;

interface ContentNotification {
  from: string;
  keys: readonly string[];
}

/** The payload for `keys` sent by `instance`. */
export function encodeContentNotification(instance: string, keys: readonly string[]): string {
  const payload = JSON.stringify({ from: instance, keys } satisfies ContentNotification);
  if (Buffer.byteLength(payload, 'utf8') <= MAX_NOTIFICATION_BYTES) return payload;
  return JSON.stringify({ from: instance, keys: [PURGE_ALL] } satisfies ContentNotification);
}

/**
 * The keys another instance announced; undefined for this instance's own notification. A
 * payload that cannot be read means something changed that this instance cannot name, so
 * everything is purged.
 */
export function decodeContentNotification(payload: string, self: string): string[] | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<ContentNotification>;
    if (typeof parsed.from === 'string' && Array.isArray(parsed.keys) && parsed.keys.every((k) => typeof k === 'string')) {
      return parsed.from === self ? undefined : parsed.keys;
    }
  } catch {
    // falls through
  }
  return [PURGE_ALL];
}
