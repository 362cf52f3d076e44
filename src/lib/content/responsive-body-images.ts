// The body's local images as the lead image is shown (src/components/LeadImage.astro): each
// <img> of a story's HTML whose src is a site path to a raster file with a width and height
// (measured at save, or the author's) becomes the image service's output: resized WebP copies
// in a srcset, sizes for the article column, width and height, loaded lazily. Remote images,
// SVGs and images without a size stay as written. The image service is handed in (Astro's
// getImage on the page, a fake in tests), so this stays pure.
import { rewriteImageTags, writeImageTag, type ImageTag } from './html-image-tags.ts';
import { ARTICLE_IMAGE_SIZES, resizableImage, srcsetWidths, type ResizableImage } from './responsive-image.ts';

/** What the page asks of the image service for one picture (a subset of getImage's options). */
export interface ResizeRequest {
  src: ResizableImage;
  width: number;
  height: number;
  widths: number[];
  sizes: string;
  format: 'webp';
}

/** What the page needs back (the shape of getImage's result). */
export interface ResizedImage {
  src: string;
  srcSet: { attribute: string };
  /** width, height, sizes, loading, decoding… as the service sets them. */
  attributes: Record<string, unknown>;
}

export type ResizeImage = (request: ResizeRequest) => Promise<ResizedImage>;

/** Attributes the service's output replaces; the others (alt, title) are kept. */
const REPLACED = new Set(['src', 'srcset', 'sizes', 'width', 'height', 'loading', 'decoding', 'fetchpriority']);

/** `html` (a story's compiled HTML, public or with its locked parts filled) with its local images resized. */
export function responsiveBodyImages(html: string, resize: ResizeImage): Promise<string> {
  return rewriteImageTags(html, (tag) => responsiveTag(tag, resize));
}

async function responsiveTag(tag: ImageTag, resize: ResizeImage): Promise<string | undefined> {
  const src = tag.value('src');
  const file = src === undefined ? undefined : resizableImage(src, pixels(tag.value('width')), pixels(tag.value('height')));
  if (!file) return undefined;
  const resized = await resize({ src: file, width: file.width, height: file.height, widths: srcsetWidths(file.width), sizes: ARTICLE_IMAGE_SIZES, format: 'webp' });
  const added = Object.entries(resized.attributes);
  const replaced = new Set([...REPLACED, ...added.map(([name]) => name.toLowerCase())]);
  const kept = [...tag.attributes].filter(([name]) => !replaced.has(name));
  return writeImageTag([['src', resized.src], ['srcset', resized.srcSet.attribute || undefined], ...kept, ...added]);
}

/** A width or height attribute as whole pixels, else undefined. */
function pixels(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}
