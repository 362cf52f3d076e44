import { describe, expect, it } from 'vitest';
import { checkImageSources } from '../../../src/lib/content-checks/check-image-sources.ts';
import { toArticle } from '../../../src/lib/content-checks/content-index.ts';
import { problemsOf } from './fixture-index.ts';

const at = (line: number, message: string) => ({ file: 'articles/pictures.mdx', line, message });

describe('checkImageSources', () => {
  it('reports a <Figure> or <img> src the browser cannot load, and site paths with no file in public/', () => {
    expect(problemsOf('image-sources', checkImageSources)).toEqual([
      at(10, '<Figure> src="./images/quay.jpg" will not load: the browser reads it as written, so put the file in public/ and write its site path, e.g. src="/images/quay.jpg"'),
      at(12, '<Figure> src="/images/missing.jpg" is not in public/: add public/images/missing.jpg, or fix the path'),
      at(14, '<img> src="" is empty: give the image file, e.g. src="/images/quay.jpg"'),
      at(16, 'image /charts/missing.png is not in public/: add public/charts/missing.png, or fix the path'),
    ]);
  });

  it('finds nothing in a clean content root', () => {
    expect(problemsOf('clean', checkImageSources)).toEqual([]);
  });

  const withLead = (src: string, body = 'Text.') =>
    toArticle({ file: 'articles/lead.mdx', pathInArticles: 'lead.mdx', text: `---\ntitle: A\nimage:\n  src: ${src}\n  alt: A quay\n---\n${body}\n` });

  it('checks the lead image src the same way: relative paths, data: URLs and missing files', () => {
    const lines = (src: string) => checkImageSources(withLead(src), { publicFiles: ['/images/quay.jpg'] }).map((p) => [p.line, p.message]);
    expect(lines('./quay.jpg')).toEqual([[4, 'the lead image src "./quay.jpg" will not load: the browser reads it as written, so put the file in public/ and write its site path, e.g. src="/images/quay.jpg"']]);
    expect(lines('data:image/png;base64,AAAA')[0]?.[1]).toMatch(/^the lead image src "data:image\/png;base64,AAAA" is a data: URL/);
    expect(lines('/images/gone.jpg')).toEqual([[4, 'the lead image src "/images/gone.jpg" is not in public/: add public/images/gone.jpg, or fix the path']]);
    expect(lines('/images/quay.jpg')).toEqual([]);
    expect(lines('https://images.example.org/quay.jpg')).toEqual([]);
  });

  it('without the list of public files, checks only the shape of each src', () => {
    const article = withLead('/images/gone.jpg', '<Figure src="quay.jpg" alt="A" />\n\n![A chart](/charts/none.png)');
    expect(checkImageSources(article, { publicFiles: undefined }).map((p) => p.line)).toEqual([7]);
  });
});
