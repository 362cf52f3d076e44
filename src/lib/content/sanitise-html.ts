// The allow-list every story's HTML passes through (public body and locked parts alike):
// GitHub's default (hast-util-sanitize), plus the classes and image attributes our component
// markup needs. No script, style, iframe, object or form; no on* attributes; no javascript: or
// data: URLs; no comments, so no editor can write the locked-part marker.
import type { Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';

const defaultAttributes = defaultSchema.attributes ?? {};

/** Classes the story markup sets (<PullQuote> and <Figure>, made in story-html.ts). */
export const STORY_CLASSES = {
  figure: 'figure',
  pullQuote: 'pull-quote',
  figureCredit: 'figure__credit',
} as const;

export const STORY_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr', 'figure', 'figcaption', 'mark', 'small', 'u', 'cite', 'caption'],
  attributes: {
    ...defaultAttributes,
    figure: [['className', STORY_CLASSES.figure, STORY_CLASSES.pullQuote]],
    span: [['className', STORY_CLASSES.figureCredit]],
    img: [...(defaultAttributes['img'] ?? []), ['loading', 'lazy'], ['decoding', 'async']],
  },
  // Heading ids are made by the compiler (github-slugger, as Astro did) and must stay as they
  // are; ids and names an editor writes are prefixed when the tag is read (story-html.ts).
  clobber: [],
  clobberPrefix: '',
  // Dropped with their content, not unwrapped: their text is code or styling, never prose.
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'svg', 'math'],
  allowComments: false,
  allowDoctypes: false,
};

/** A sanitised copy of a tree. */
export function sanitiseTree(tree: Root): Root {
  const clean = sanitize(tree, STORY_SCHEMA);
  return clean.type === 'root' ? clean : { type: 'root', children: clean.type === 'doctype' ? [] : [clean] };
}
