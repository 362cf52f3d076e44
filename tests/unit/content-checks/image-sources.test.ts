import { describe, expect, it } from 'vitest';
import { checkImageSources } from '../../../src/lib/content-checks/check-image-sources.ts';
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
});
