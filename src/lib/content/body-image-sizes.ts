// The body images of a story as the compiler finds them in its sanitised HTML tree: those whose
// src is a site path are noted (with their file line) so ingest can measure the files, and
// given the measured width and height when the author wrote none, so the page reserves their
// space before they load. Pure: the sizes are handed in.
import type { Element, Root } from 'hast';
import type { ImageSize, LocalBodyImage } from './compiled-story.ts';

export interface BodyImageSizing {
  /** Measured sizes by src; empty on the first compile, before anything was measured. */
  sizes: Readonly<Record<string, ImageSize>>;
  /** File lines before the body, so lines name the file's own. */
  lineOffset: number;
  /** Filled with each local image met, in document order. */
  found: LocalBodyImage[];
}

/** A path on this site: /images/x.jpg, not //host/x.jpg or https://host/x.jpg. */
export function isSitePath(src: string): boolean {
  return src.startsWith('/') && !src.startsWith('//');
}

/** Notes and sizes every local <img> in the tree (which it changes). */
export function sizeBodyImages(tree: Root | Element, sizing: BodyImageSizing): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'img') sizeImage(child, sizing);
    sizeBodyImages(child, sizing);
  }
}

function sizeImage(img: Element, sizing: BodyImageSizing): void {
  const src = img.properties['src'];
  if (typeof src !== 'string' || !isSitePath(src)) return;
  const width = pixels(img.properties['width']);
  const height = pixels(img.properties['height']);
  const given = img.properties['width'] !== undefined || img.properties['height'] !== undefined;
  const line = (img.position?.start.line ?? 1) + sizing.lineOffset;
  sizing.found.push({ src, line, sized: width !== undefined && height !== undefined });
  const measured = Object.hasOwn(sizing.sizes, src) ? sizing.sizes[src] : undefined;
  if (!measured) return;
  if (!given) {
    img.properties['width'] = measured.width;
    img.properties['height'] = measured.height;
  } else if (width !== undefined && img.properties['height'] === undefined) {
    img.properties['height'] = Math.round((width * measured.height) / measured.width);
  } else if (height !== undefined && img.properties['width'] === undefined) {
    img.properties['width'] = Math.round((height * measured.width) / measured.height);
  }
}

/** A width or height an author wrote, when it is a whole number of pixels. */
function pixels(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}
