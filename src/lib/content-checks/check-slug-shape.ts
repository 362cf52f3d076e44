// A story's id must fit the one URL segment of /<section>/<slug>/: a file in a subfolder, or
// a frontmatter slug with "/", gives an id no page can serve.
import type { Article } from './content-index.ts';
import { error, warning, type Problem } from './problem.ts';

export function checkSlugShape(article: Article): Problem[] {
  const fromFrontmatter = Boolean(article.frontmatter.data['slug']);
  const line = fromFrontmatter ? article.frontmatter.lineOf(['slug']) : 1;
  if (article.id.includes('/')) {
    const where = fromFrontmatter ? 'its frontmatter slug' : 'it sits in a subfolder';
    return [error(article.file, line, `the story's id is "${article.id}" because ${where}; ids with "/" cannot be served at /<section>/<slug>/: move the file directly into the articles folder`)];
  }
  if (article.id === '') return [error(article.file, line, 'the file name gives an empty slug: name the file with letters or digits, e.g. my-story.mdx')];
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(article.id)) {
    return [warning(article.file, line, `the slug "${article.id}" is not lowercase words joined by hyphens; readers' links break more easily: rename it, e.g. "${article.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}"`)];
  }
  return [];
}
