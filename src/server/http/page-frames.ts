// The signed-in pages' frames (src/lib/page-frame/frame.ts), kept in this process: filed by
// path and by the cache keys the page declared, bounded in bytes, least recently used first,
// purged by key on every content change (here or, through the content channel, on another
// instance), and never stored when a change overtook the render. The middleware (in Astro's
// build) stores frames; the start script's assembler (src/server/http/signed-in-pages.ts)
// reads them: the store lives on globalThis so both copies of this module share it.
// It exists only once the start script configured it: under `astro dev`, or in a test that
// imports the app, every signed-in page is rendered in full.
import type { ArticleFrameFacts, FrameSlot, SplitFrame } from '../../lib/page-frame/frame.ts';
import { createKeyedPageStore, type KeyedPageStore, type StoredPage } from '../../lib/http/keyed-page-store.ts';
import { onContentChange } from '../content/content-changes.ts';

export interface PageFrame extends StoredPage {
  /** The frame's texts as UTF-8, encoded once: per request only the reader's parts are encoded. */
  texts: Buffer[];
  slots: FrameSlot[];
  /** The rendered page's headers to send again (no cookie, length or cache keys). */
  headers: Record<string, string>;
  /** For an article: the story and its opened locked parts. */
  article?: ArticleFrameFacts | undefined;
  /** The route pattern of the render, for the request log of the pages assembled from it. */
  route?: string | undefined;
}

export interface PageFrameSettings {
  maxBytes: number;
  /** Longest a frame is kept, in seconds, even if no change purges it; 0 turns frames off. */
  maxSeconds: number;
  clock: () => number;
}

interface FrameHolder {
  store: KeyedPageStore<PageFrame>;
  settings: PageFrameSettings;
  stopPurging: () => void;
}

const KEY = Symbol.for('masthead.pageFrames');
type Holder = { [KEY]?: FrameHolder };
const holder = globalThis as Holder;

/** Turns frames on for this process (the start script, before it loads the build). */
export function configurePageFrames(settings: PageFrameSettings): void {
  holder[KEY]?.stopPurging();
  if (settings.maxSeconds <= 0) {
    delete holder[KEY];
    return;
  }
  const store = createKeyedPageStore<PageFrame>({ maxBytes: settings.maxBytes });
  const stopPurging = onContentChange((keys) => void store.purge(keys));
  holder[KEY] = { store, settings, stopPurging };
}

/** The frames and their settings, or undefined when frames are off. */
export function pageFrames(): FrameHolder | undefined {
  return holder[KEY];
}

/** A frame to keep: its texts encoded, and what it costs in memory (strings at two bytes a character). */
export function pageFrameEntry(frame: SplitFrame, rest: Pick<PageFrame, 'headers' | 'article' | 'keys' | 'expiresAt' | 'route'>, path: string): PageFrame {
  const texts = frame.texts.map((text) => Buffer.from(text));
  let chars = path.length + rest.keys.join(' ').length;
  for (const [name, value] of Object.entries(rest.headers)) chars += name.length + value.length;
  for (const part of Object.values(rest.article?.open ?? {})) chars += part.reader.length + part.editor.length;
  const bytes = texts.reduce((sum, text) => sum + text.length, 0) + 2 * chars + 512;
  return { ...rest, texts, slots: frame.slots, bytes };
}
