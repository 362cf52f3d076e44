// The rules shared by the lead image (src/components/LeadImage.astro) and the body's images
// (src/components/StoryBody.astro) for offering resized copies through Astro's image service:
// which images can be resized, which widths the srcset offers, and the sizes of the article
// column. Pure; the components call getImage with what these give.
import { isSitePath } from './body-image-sizes.ts';

/** Widths offered in the srcset, below the file's own width (which is offered too): never enlarged. */
export const SRCSET_WIDTHS = [320, 640, 960, 1280] as const;

/** The article column is 40rem wide (src/styles/article.css) and the page pads 1.25rem each side. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)';

/** Raster formats the image service resizes; SVG and GIF (possibly animated) are shown as written. */
const RESIZABLE = /\.(jpe?g|png|webp|avif|tiff?)$/i;

/** What Astro's image service needs of a local file (the shape of an imported image's metadata). */
export interface ResizableImage {
  /** The site path without query or fragment; the /_image endpoint reads it from the built site. */
  src: string;
  width: number;
  height: number;
  format: 'jpg' | 'png' | 'webp' | 'avif' | 'tiff';
}

/**
 * A site path to a raster file whose size is known, as the image service's source; undefined
 * for a remote image, an SVG or GIF, or one without a width and height.
 */
export function resizableImage(src: string, width: number | undefined, height: number | undefined): ResizableImage | undefined {
  const path = src.replace(/[?#].*$/, '');
  const extension = RESIZABLE.exec(path)?.[1]?.toLowerCase();
  if (!isSitePath(src) || !extension || !width || !height) return undefined;
  const format = extension === 'jpeg' ? 'jpg' : extension === 'tif' ? 'tiff' : (extension as ResizableImage['format']);
  return { src: path, width, height, format };
}

/** The srcset's widths for a file `width` pixels wide: the standard widths below it, then its own. */
export function srcsetWidths(width: number): number[] {
  return [...SRCSET_WIDTHS.filter((w) => w < width), width];
}
