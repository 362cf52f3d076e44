// Zod schemas for what editors write. Kept free of astro:content so unit tests can run them.
import { z } from 'astro/zod';

/** Limits the page layout is designed for; content checks quote them. */
export const LIMITS = {
  title: 140,
  dek: 220,
  summary: 480,
  tags: 8,
} as const;

/** Shows the field's own message when it is absent, not zod's "expected string, received undefined". */
const whenMissing = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? message : undefined),
});

/** A required line of text: missing or blank, the editor reads the same message. */
const requiredText = (message: string) => z.string(whenMissing(message)).trim().min(1, message);

/**
 * A date as YAML gives it (a Date, or an ISO string). Anything else is refused rather than
 * coerced: a blank `publishedAt:` is null, and new Date(null) would publish it as of 1970.
 */
const dateField = (message: string) => z.union([z.date(), z.string()], { error: message }).pipe(z.coerce.date({ error: message }));

const NO_AUTHOR = 'name at least one author id from content/authors';

const tag = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'tags are lowercase words joined by hyphens, e.g. "electric-vehicles"');

/**
 * An id that must be one of a known list (section or author file names), with a message
 * that names the unknown id and the ones that exist.
 */
export function knownId(ids: readonly string[], what: string) {
  return z.string().refine((id) => ids.includes(id), {
    error: (issue) => `unknown ${what} "${String(issue.input)}"; expected one of: ${ids.join(', ') || `(no ${what} files yet)`}`,
  });
}

/** How an article names its section and authors: references in the content layer, ids in tests. */
export interface ArticleReferences<Section extends z.ZodType, Author extends z.ZodType, Image extends z.ZodType> {
  section: Section;
  author: Author;
  image: Image;
}

/**
 * The frontmatter of one article. References and the image schema are passed in so the
 * content layer can supply reference() and image() while unit tests supply plain strings.
 */
export function articleSchema<Section extends z.ZodType, Author extends z.ZodType, Image extends z.ZodType>(
  refs: ArticleReferences<Section, Author, Image>,
) {
  return z
    .object({
      /** Headline, e.g. "Leapmotor's record 93,376 deliveries put pressure on Tesla". */
      title: requiredText('a headline is required').max(LIMITS.title, `keep the headline under ${LIMITS.title} characters`),
      /** One-sentence standfirst under the headline. */
      dek: requiredText('a dek (one-sentence standfirst) is required').max(LIMITS.dek, `keep the dek under ${LIMITS.dek} characters`),
      /** Two or three sentences for decision-makers, shown in a box above the body. */
      summary: requiredText('a summary for decision-makers is required').max(LIMITS.summary, `keep the summary under ${LIMITS.summary} characters`),
      /** The section id from content/sections, e.g. business. */
      section: refs.section,
      /** Author ids from content/authors, e.g. [mei-lin-zhao]. */
      authors: z.array(refs.author, whenMissing(NO_AUTHOR)).min(1, NO_AUTHOR),
      /** Lowercase tags, e.g. [electric-vehicles, china]. */
      tags: z.array(tag).max(LIMITS.tags, `use at most ${LIMITS.tags} tags`).default([]),
      /** When the story goes public; a future time schedules it. */
      publishedAt: dateField('publishedAt must be a date, e.g. 2026-07-02T06:45:00Z'),
      /** When the story was last changed in substance; after publishedAt. */
      updatedAt: dateField('updatedAt must be a date, e.g. 2026-07-02T11:20:00Z').optional(),
      /** A draft is never public, whatever its date. */
      draft: z.boolean().default(false),
      /** Lead image; the alt text is required so every reader gets the picture. */
      image: z
        .object({
          src: refs.image,
          alt: requiredText('every image needs alt text describing it'),
          credit: z.string().optional(),
        })
        .optional(),
    })
    .refine((a) => !a.updatedAt || a.updatedAt >= a.publishedAt, {
      message: 'updatedAt must not be before publishedAt',
      path: ['updatedAt'],
    });
}

export const authorSchema = z.object({
  /** Full name as printed in bylines. */
  name: z.string().trim().min(1),
  /** Job title, e.g. "Markets Reporter". */
  role: z.string().trim().min(1),
  /** One or two sentences for the author page. */
  bio: z.string().trim().min(1),
});

export const sectionSchema = z.object({
  /** Display name, e.g. "Business". */
  name: z.string().trim().min(1),
  /** One line under the section heading. */
  description: z.string().trim().min(1),
  /** Position in the navigation, lowest first. */
  order: z.number().int().nonnegative(),
});
