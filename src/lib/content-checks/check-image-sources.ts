// Images that would not load: the lead image's src and <Figure> and <img> in the body are
// handed to the browser as written, so a path relative to the story never resolves, a data:
// URL is dropped by the sanitiser (src/lib/content/sanitise-html.ts), and a site path must
// name a file in public/. Markdown images with site paths must name a file in public/ too.
// Without a list of public files (the compiler given no site), only the shape is checked.
import type { Article } from './content-index.ts';
import { lineAt } from './frontmatter.ts';
import { error, type Problem } from './problem.ts';
import { attributeValue, findTags } from './tag-attributes.ts';

const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*<?(\/[^)\s>]*)>?[^)]*\)/g;

export interface ImageSourceIndex {
  /** Files in public/ as site paths; undefined: not known, so not checked. */
  publicFiles?: readonly string[] | undefined;
}

export function checkImageSources(article: Article, index: ImageSourceIndex): Problem[] {
  const problems: Problem[] = [];
  const report = (offset: number, message: string) => problems.push(error(article.file, lineAt(article.text, offset), message));
  const leadSrc = leadImageSrc(article.frontmatter.data);
  if (leadSrc !== undefined && leadSrc.trim() !== '') {
    const problem = sourceProblem(leadSrc, index.publicFiles);
    if (problem) problems.push(error(article.file, article.frontmatter.lineOf(['image', 'src']), `the lead image src "${leadSrc}" ${problem}`));
  }
  for (const name of ['Figure', 'img']) {
    for (const tag of findTags(article.prose, name)) {
      const src = attributeValue(tag.attributes, 'src');
      if (src.kind !== 'text') continue;
      const problem = sourceProblem(src.value, index.publicFiles);
      if (problem) report(tag.offset, `<${name}> src="${src.value}" ${problem}`);
    }
  }
  if (index.publicFiles) {
    for (const match of article.prose.matchAll(MARKDOWN_IMAGE)) {
      const path = (match[1] ?? '').replace(/[?#].*$/, '');
      if (!index.publicFiles.includes(path)) report(match.index, `image ${path} ${missingPublicFile(path)}`);
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

function leadImageSrc(data: Record<string, unknown>): string | undefined {
  const image = data['image'];
  if (image === null || typeof image !== 'object') return undefined;
  const src: unknown = (image as Record<string, unknown>)['src'];
  return typeof src === 'string' ? src : undefined;
}

/** Why an image src would not load, or undefined when it does (or cannot be known). */
export function sourceProblem(src: string, publicFiles: readonly string[] | undefined): string | undefined {
  if (src.trim() === '') return 'is empty: give the image file, e.g. src="/images/quay.jpg"';
  if (/^(?:https?:)?\/\//i.test(src)) return undefined;
  if (/^data:/i.test(src)) return 'is a data: URL, which the page does not load: put the file in public/ and write its site path, e.g. src="/images/quay.jpg"';
  if (!src.startsWith('/')) return `will not load: the browser reads it as written, so put the file in public/ and write its site path, e.g. src="/images/${src.split('/').pop() ?? src}"`;
  const path = src.replace(/[?#].*$/, '');
  if (!publicFiles) return undefined;
  return publicFiles.includes(path) ? undefined : missingPublicFile(path);
}

function missingPublicFile(path: string): string {
  return `is not in public/: add public${path}, or fix the path`;
}
