// The editors' room: articles, authors and sections live in the top-level content/ folder.
// The schemas here are the contract an editor writes against; a bad field fails the build
// with the file, the field and what was expected.
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, authorSchema, sectionSchema } from './lib/content/schemas.ts';

const contentRoot = process.env.MASTHEAD_CONTENT_DIR ?? './content';

const articles = defineCollection({
  loader: glob({ pattern: '**/[^_]*.mdx', base: `${contentRoot}/articles` }),
  schema: ({ image }) =>
    articleSchema({ section: reference('sections'), author: reference('authors'), image: image() }),
});

const authors = defineCollection({
  loader: glob({ pattern: '**/[^_]*.yaml', base: `${contentRoot}/authors` }),
  schema: authorSchema,
});

const sections = defineCollection({
  loader: glob({ pattern: '**/[^_]*.yaml', base: `${contentRoot}/sections` }),
  schema: sectionSchema,
});

export const collections = { articles, authors, sections };
