// What the log knows about the request being answered, reachable from anywhere that request's
// work runs (AsyncLocalStorage): the start script opens a record per request, the middleware
// notes the route and the reader, and every line logged meanwhile (a business event, an
// error, Astro's own messages) carries the request id. The storage lives on globalThis so the
// start script and the build's copy of this module share it, as they share the database.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Who asked: a visitor without a session, a signed-in reader, a Club member, an editor or admin. */
export type ReaderKind = 'anonymous' | 'reader' | 'member' | 'editor';
/** How the answer was made: the anonymous page cache (hit or miss), a signed-in page assembled from its frame, or neither. */
export type CacheOutcome = 'hit' | 'miss' | 'assembled' | 'none';

export interface RequestRecord {
  id: string;
  method: string;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** The route pattern that answered (`/[section]/[slug]`), never the URL. */
  route: string | undefined;
  reader: ReaderKind;
  cache: CacheOutcome | undefined;
}

const KEY = Symbol.for('masthead.requestRecords');
type Holder = { [KEY]?: AsyncLocalStorage<RequestRecord> };
const holder = globalThis as Holder;
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestRecord>());

/** Runs `work` (and everything it starts) as part of the request `record` describes. */
export function runInRequest<T>(record: RequestRecord, work: () => T): T {
  return storage.run(record, work);
}

/** The record of the request whose work is running, if any (none under `astro dev`, in tests, at start-up). */
export function currentRequest(): RequestRecord | undefined {
  return storage.getStore();
}

/** The reader kind for a signed-in reader: editors and admins first, then members (when the request knows). */
export function readerKindOf(role: 'reader' | 'editor' | 'admin', isMember: boolean): ReaderKind {
  if (role === 'editor' || role === 'admin') return 'editor';
  return isMember ? 'member' : 'reader';
}
