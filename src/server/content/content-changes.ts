// Tells every part of this process (and, on PostgreSQL, every other instance) that content
// changed, naming the cache keys it touches (src/lib/content/cache-keys.ts). Ingest and the
// scheduled publisher (src/server/content/scheduled-publisher.ts) announce; the page cache
// (purgeOnContentChange in src/server/http/anonymous-cache.ts), the signed-in page frames
// (src/server/http/page-frames.ts) and the small content caches listen. The key '*' means
// "everything". Between instances the changes travel through
// src/server/content/content-channel.ts, which sets the broadcast below.
//
// The start script (scripts/serve.ts) runs ingest from the project's modules while pages run
// from Astro's build, which holds its own copy of this module: the emitter and the broadcast
// are kept on globalThis, so a change announced by either copy reaches the listeners of both.
import { EventEmitter } from 'node:events';

export type ContentChangeListener = (keys: readonly string[]) => void;

interface ContentChangeHub {
  local: EventEmitter;
  /** Sends a change to other instances; set by the cross-instance channel when there is one. */
  broadcast: ((keys: readonly string[]) => Promise<void>) | undefined;
}

const KEY = Symbol.for('masthead.contentChanges');
type Holder = { [KEY]?: ContentChangeHub };
const holder = globalThis as Holder;

function hub(): ContentChangeHub {
  if (!holder[KEY]) {
    const local = new EventEmitter();
    local.setMaxListeners(50);
    holder[KEY] = { local, broadcast: undefined };
  }
  return holder[KEY];
}

/** Runs `listener` for every change, here or (through the content channel) on another instance. */
export function onContentChange(listener: ContentChangeListener): () => void {
  const { local } = hub();
  local.on('change', listener);
  return () => local.off('change', listener);
}

/** Hands a change to this process's listeners. */
export function deliverContentChange(keys: readonly string[]): void {
  hub().local.emit('change', keys);
}

export function setContentBroadcast(send: ((keys: readonly string[]) => Promise<void>) | undefined): void {
  hub().broadcast = send;
}

/** Announces a change made by this process: here at once, and to every other instance. */
export async function announceContentChange(keys: readonly string[]): Promise<void> {
  deliverContentChange(keys);
  await hub().broadcast?.(keys);
}
