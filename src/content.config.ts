// The editors' room: articles, authors and sections live in the top-level content/ folder.
// The schemas here are the contract an editor writes against; a bad field fails the build
// with the file, the field and what was expected.
import { readdirSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { checkedStoryLoader } from './build/checked-story-loader.ts';
import { articleSchema, authorSchema, knownId, sectionSchema } from './lib/content/schemas.ts';

const contentRoot = process.env.MASTHEAD_CONTENT_DIR ?? './content';

/** Ids of the YAML entries in a folder: their file names. Checked here so an unknown
 * section or author fails the build with the story's file and the ids that exist. */
function idsIn(folder: string): string[] {
  try {
    return readdirSync(`${contentRoot}/${folder}`)
      .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

const articles = defineCollection({
  // Each story's body is checked too: imports, expressions and unknown components stop the build.
  loader: checkedStoryLoader(glob({ pattern: '**/[^_]*.mdx', base: `${contentRoot}/articles` })),
  schema: ({ image }) =>
    articleSchema({ section: knownId(idsIn('sections'), 'section'), author: knownId(idsIn('authors'), 'author'), image: image() }),
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
