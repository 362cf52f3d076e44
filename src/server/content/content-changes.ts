// Tells every part of this process (and, on PostgreSQL, every other instance) that content
// changed, naming the cache keys it touches (src/lib/content/cache-keys.ts). Ingest and the
// scheduled publisher (src/server/content/scheduled-publisher.ts) announce; the page cache
// (purgeOnContentChange in src/server/http/anonymous-cache.ts) and the small content caches
// listen. The key '*' means "everything". Between instances the changes travel through
// src/server/content/content-channel.ts, which sets the broadcast below.
import { EventEmitter } from 'node:events';

export type ContentChangeListener = (keys: readonly string[]) => void;

const local = new EventEmitter();
local.setMaxListeners(50);

/** Runs `listener` for every change, here or (through the content channel) on another instance. */
export function onContentChange(listener: ContentChangeListener): () => void {
  local.on('change', listener);
  return () => local.off('change', listener);
}

/** Hands a change to this process's listeners. */
export function deliverContentChange(keys: readonly string[]): void {
  local.emit('change', keys);
}

/** Sends a change to other instances; set by the cross-instance channel when there is one. */
let broadcast: ((keys: readonly string[]) => Promise<void>) | undefined;

export function setContentBroadcast(send: ((keys: readonly string[]) => Promise<void>) | undefined): void {
  broadcast = send;
}

/** Announces a change made by this process: here at once, and to every other instance. */
export async function announceContentChange(keys: readonly string[]): Promise<void> {
  deliverContentChange(keys);
  await broadcast?.(keys);
}
