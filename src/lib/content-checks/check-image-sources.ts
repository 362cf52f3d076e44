// Images in the body that would not load: <Figure> and <img> hand their src to the browser
// as written, so a path relative to the story never resolves, and a site path must name a
// file in public/. (Markdown images with relative paths are resolved by Astro and left alone.)
import type { Article, ContentIndex } from './content-index.ts';
import { lineAt } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';
import { attributeValue, findTags } from './tag-attributes.ts';

const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*<?(\/[^)\s>]*)>?[^)]*\)/g;

export function checkImageSources(article: Article, index: Pick<ContentIndex, 'publicFiles'>): Problem[] {
  const problems: Problem[] = [];
  const report = (offset: number, message: string) => problems.push(error(article.file, lineAt(article.text, offset), message));
  for (const name of ['Figure', 'img']) {
    for (const tag of findTags(article.prose, name)) {
      const src = attributeValue(tag.attributes, 'src');
      if (src.kind !== 'text') continue;
      const problem = sourceProblem(src.value, index.publicFiles);
      if (problem) report(tag.offset, `<${name}> src="${src.value}" ${problem}`);
    }
  }
  for (const match of article.prose.matchAll(MARKDOWN_IMAGE)) {
    const path = (match[1] ?? '').replace(/[?#].*$/, '');
    if (!index.publicFiles.includes(path)) report(match.index, `image ${path} ${missingPublicFile(path)}`);
  }
  return problems.sort((a, b) => a.line - b.line);
}

function sourceProblem(src: string, publicFiles: readonly string[]): string | undefined {
  if (src.trim() === '') return 'is empty: give the image file, e.g. src="/images/quay.jpg"';
  if (/^(?:https?:)?\/\//i.test(src) || src.startsWith('data:')) return undefined;
  if (!src.startsWith('/')) return `will not load: the browser reads it as written, so put the file in public/ and write its site path, e.g. src="/images/${src.split('/').pop() ?? src}"`;
  const path = src.replace(/[?#].*$/, '');
  return publicFiles.includes(path) ? undefined : missingPublicFile(path);
}

function missingPublicFile(path: string): string {
  return `is not in public/: add public${path}, or fix the path`;
}
