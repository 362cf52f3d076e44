// A signed-in page as a frame: the page rendered once with a marker where each part that
// depends on the reader stands (the masthead's tools; on an article, each locked part and the
// offer), and, per request, the reader's parts put in those places. The frame holds nothing
// of any reader, and the locked parts' HTML only as the entitled fill it is handed: which
// fill a slot gets is decided here, by the entitlement rule. Pure; no I/O.
import type { LockedPartId } from '../../../db/schema/content.ts';
import { showsLockedParts, type EntitlementState } from '../paywall/entitlement.ts';
import { lockedOfferHtml } from '../paywall/locked-offer-html.ts';
import { signedInToolsHtml } from './signed-in-tools.ts';

/** Where the masthead's tools go (src/components/SiteHeader.astro writes it in a frame). */
export const READER_TOOLS_SLOT = '<!--masthead:reader-tools-->';
/** Where the offer goes on an article with locked parts (the article page writes it in a frame). */
export const OFFER_SLOT = '<!--masthead:offer-->';

export type FrameSlot = 'reader-tools' | 'offer' | `locked:${LockedPartId}`;

/** Finds every slot: the two above and the compiler's locked-part markers (lockedPartMarker in src/lib/content/compiled-story.ts). */
const SLOT = /<!--masthead:(reader-tools|offer|locked:key-insights|locked:executive-actions)-->/g;

/** A frame cut at its slots: texts has one more entry than slots, and they alternate. */
export interface SplitFrame {
  texts: string[];
  slots: FrameSlot[];
}

export function splitFrame(html: string): SplitFrame {
  const texts: string[] = [];
  const slots: FrameSlot[] = [];
  let from = 0;
  for (const match of html.matchAll(SLOT)) {
    texts.push(html.slice(from, match.index));
    slots.push(match[1] as FrameSlot);
    from = match.index + match[0].length;
  }
  texts.push(html.slice(from));
  return { texts, slots };
}

/** The frame with each slot replaced by `fill(slot)`. */
export function assembleFrame(frame: SplitFrame, fill: (slot: FrameSlot) => string): string {
  let html = frame.texts[0] ?? '';
  for (let i = 0; i < frame.slots.length; i++) html += fill(frame.slots[i] as FrameSlot) + (frame.texts[i + 1] ?? '');
  return html;
}

/** An open locked part as an entitled reader's page shows it, and as an editor's does (with the note). */
export interface OpenLockedPart {
  reader: string;
  editor: string;
}

/** What an article's frame knows beyond its HTML: the story, and its locked parts opened. */
export interface ArticleFrameFacts {
  slug: string;
  /** The story's path, for the offer's return links. */
  returnTo: string;
  parts: { keyInsights: boolean; executiveActions: boolean };
  /** Each locked part the story has, opened (images resized), for the entitled. */
  open: Partial<Record<LockedPartId, OpenLockedPart>>;
}

/** The reader a page is assembled for, as the session, their row and the entitlement rule say. */
export interface FrameReader {
  email: string;
  showDesk: boolean;
  /** The entitlement state for the article (unused on a page without locked parts). */
  state: EntitlementState;
  balance: number;
  /** When the next monthly credit can arrive (the no-credits offer). */
  nextRefill?: Date | undefined;
}

/** What each slot holds for `reader`: the locked parts only if their state shows them. */
export function readerFill(reader: FrameReader, article: ArticleFrameFacts | undefined): (slot: FrameSlot) => string {
  const open = showsLockedParts(reader.state);
  return (slot) => {
    if (slot === 'reader-tools') return signedInToolsHtml(reader);
    if (!article) return '';
    if (slot === 'offer') {
      if (reader.state === 'editor' || reader.state === 'member' || reader.state === 'unlocked') return '';
      return lockedOfferHtml({ state: reader.state, returnTo: article.returnTo, slug: article.slug, parts: article.parts, balance: reader.balance, nextRefill: reader.nextRefill });
    }
    if (!open) return '';
    const part = article.open[slot.slice('locked:'.length) as LockedPartId];
    return part ? (reader.state === 'editor' ? part.editor : part.reader) : '';
  };
}
