// What the compiler makes of one story file (src/lib/content/compile-story.ts) and what ingest
// stores: the fields, the public HTML with a marker where each locked part stands, each
// locked part's HTML apart, and the free text. Pure data, no database.
import type { LockedPartId, StoryImage } from '../../../db/schema/content.ts';
import type { ContentIndex } from '../content-checks/content-index.ts';

export type { LockedPartId, StoryImage };

/** The frontmatter of a story once checked. */
export interface StoryFields {
  title: string;
  dek: string;
  summary: string;
  section: string;
  authors: string[];
  tags: string[];
  publishedAt: Date;
  updatedAt?: Date | undefined;
  draft: boolean;
  image?: StoryImage | undefined;
}

export interface CompiledLockedPart {
  part: LockedPartId;
  /** The part's inner HTML (without its heading and wrapper, which the page adds). */
  html: string;
}

export interface CompiledStory {
  fields: StoryFields;
  /** The free body as HTML; each locked part is replaced by lockedPartMarker(part). */
  publicHtml: string;
  lockedParts: CompiledLockedPart[];
  /** The free text (title, dek and summary excluded): search, feeds, word count. */
  publicText: string;
  publicWords: number;
  /**
   * Every image in the body (free and locked parts alike) whose src is a site path, in file
   * order: what ingest measures (src/server/content/ingest-image.ts) before compiling again
   * with `CompileContext.imageSizes`.
   */
  localImages: LocalBodyImage[];
}

/** A body image whose src is a path on this site (a file under public/). */
export interface LocalBodyImage {
  /** As it stands in the HTML, e.g. /images/cranes.jpg (a Markdown image's URL percent-encoded). */
  src: string;
  /** 1-based line of the image in the file. */
  line: number;
  /** The author gave both width and height, so the file's own size is not needed. */
  sized: boolean;
}

/** A picture's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** A problem with a story file; `line` is 1-based in the file. */
export interface StoryProblem {
  line: number;
  message: string;
}

export type CompileResult = { ok: true; story: CompiledStory } | { ok: false; problems: StoryProblem[] };

/** What the compiler checks references against: the ids that exist. */
export interface CompileContext {
  sections: readonly string[];
  authors: readonly string[];
  /**
   * The site, for the checks that look beyond the story: links to the site's own pages and
   * image files in public/. Without it those two are not checked (the compiler stays pure);
   * check:content always gives it.
   */
  site?: CompileSite | undefined;
  /**
   * The measured size of each local body image, by its src as in `localImages`: an image the
   * author gave no width and height gets these (one of the two given: the other in proportion).
   */
  imageSizes?: Readonly<Record<string, ImageSize>> | undefined;
}

/** What check-internal-links.ts and check-image-sources.ts look at (see content-index.ts). */
export type CompileSite = Pick<ContentIndex, 'articles' | 'routes' | 'publicFiles' | 'siteUrl' | 'now'>;

/**
 * The marker that stands where a locked part was. An HTML comment, and the sanitiser drops
 * every comment an editor writes, so no story can forge one.
 */
export function lockedPartMarker(part: LockedPartId): string {
  return `<!--masthead:locked:${part}-->`;
}

const MARKER = /<!--masthead:locked:(key-insights|executive-actions)-->/g;

/**
 * The public HTML with each marker replaced by what `fill` gives for that part (the open part
 * for an entitled reader, nothing for everyone else).
 */
export function fillLockedParts(publicHtml: string, fill: (part: LockedPartId) => string): string {
  return publicHtml.replace(MARKER, (_marker, part: LockedPartId) => fill(part));
}
