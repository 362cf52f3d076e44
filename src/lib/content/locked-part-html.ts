// An open locked part as HTML, for the article page of an entitled reader: the part's compiled
// inner HTML (read from story_locked_parts by src/server/content/locked-parts.ts) in the
// section an open locked part has always had on the article page, classed LOCKED_PART_CLASS
// so the paywall markup in src/lib/seo/json-ld.ts (cssSelector) names it. Pure; no I/O.
import type { LockedPartId } from '../../../db/schema/content.ts';
import { LOCKED_PART_CLASS } from '../seo/json-ld.ts';

/** Each part's heading, as readers have always seen it. */
export const LOCKED_PART_TITLES: Readonly<Record<LockedPartId, string>> = {
  'key-insights': 'Key Insights and Take-aways',
  'executive-actions': 'Executive Actions',
};

export const LOCKED_PART_EDITOR_NOTE = 'Locked for readers without access: they see the offer instead.';

export interface OpenLockedPartOptions {
  /** Adds the note telling an editor that readers without access see the offer instead. */
  markedForEditors: boolean;
}

/** `innerHtml` is trusted compiled HTML (the compiler sanitised it); it is not escaped. */
export function openLockedPartHtml(part: LockedPartId, innerHtml: string, { markedForEditors }: OpenLockedPartOptions): string {
  const note = markedForEditors ? `<p class="locked-part__editor-note">${LOCKED_PART_EDITOR_NOTE}</p>` : '';
  return (
    `<section class="${LOCKED_PART_CLASS} locked-part--open" id="${part}" aria-labelledby="${part}-heading">` +
    `${note}<h2 id="${part}-heading">${LOCKED_PART_TITLES[part]}</h2>${innerHtml}</section>`
  );
}
