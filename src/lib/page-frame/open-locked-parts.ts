// A story's locked parts opened for its frame (src/lib/page-frame/frame.ts): each as the
// article page shows it to an entitled reader and to an editor (with the note), its local
// images resized as the body's are (src/lib/content/responsive-body-images.ts, one <img> at a
// time, so resizing a part alone gives what resizing the filled body gives). The image service
// is handed in (Astro's getImage on the page), so this stays pure.
import type { LockedPartId } from '../../../db/schema/content.ts';
import { openLockedPartHtml } from '../content/locked-part-html.ts';
import { responsiveBodyImages, type ResizeImage } from '../content/responsive-body-images.ts';
import type { ArticleFrameFacts } from './frame.ts';

export async function openLockedParts(lockedHtml: ReadonlyMap<LockedPartId, string> | undefined, resize: ResizeImage): Promise<ArticleFrameFacts['open']> {
  const open: ArticleFrameFacts['open'] = {};
  for (const [part, html] of lockedHtml ?? []) {
    const [reader, editor] = await Promise.all([
      responsiveBodyImages(openLockedPartHtml(part, html, { markedForEditors: false }), resize),
      responsiveBodyImages(openLockedPartHtml(part, html, { markedForEditors: true }), resize),
    ]);
    open[part] = { reader, editor };
  }
  return open;
}
