// Body images through the image service (src/lib/content/responsive-body-images.ts and
// html-image-tags.ts): which <img> tags of a story's stored HTML are rewritten, what the new tag
// holds, and what is never touched. The image service is a fake that records its requests and
// answers the way getImage does.
import { describe, expect, it } from 'vitest';
import { compileStory } from '../../src/lib/content/compile-story.ts';
import { decodeReferences, rewriteImageTags, writeImageTag } from '../../src/lib/content/html-image-tags.ts';
import { responsiveBodyImages, type ResizeImage, type ResizeRequest } from '../../src/lib/content/responsive-body-images.ts';
import { ARTICLE_IMAGE_SIZES, resizableImage, srcsetWidths } from '../../src/lib/content/responsive-image.ts';
import { CONTEXT, storyFile } from './compile-story-helpers.ts';

function fakeService(): { resize: ResizeImage; requests: ResizeRequest[] } {
  const requests: ResizeRequest[] = [];
  const url = (r: ResizeRequest, w: number) => `/_image?href=${encodeURIComponent(r.src.src)}&w=${w}&f=webp`;
  const resize: ResizeImage = async (r) => {
    requests.push(r);
    return {
      src: url(r, r.width),
      srcSet: { attribute: r.widths.map((w) => `${url(r, w)} ${w}w`).join(', ') },
      attributes: { sizes: r.sizes, width: r.width, height: r.height, loading: 'lazy', decoding: 'async', fetchpriority: undefined },
    };
  };
  return { resize, requests };
}

describe('resizable images and their widths', () => {
  it.each([
    ['/images/a.jpg', 800, 600, { src: '/images/a.jpg', width: 800, height: 600, format: 'jpg' }],
    ['/images/a.JPEG?v=2', 800, 600, { src: '/images/a.JPEG', width: 800, height: 600, format: 'jpg' }],
    ['/images/a.tif', 80, 60, { src: '/images/a.tif', width: 80, height: 60, format: 'tiff' }],
    ['/images/a.webp', 80, 60, { src: '/images/a.webp', width: 80, height: 60, format: 'webp' }],
    ['/images/a.svg', 80, 60, undefined],
    ['/images/a.gif', 80, 60, undefined],
    ['https://example.org/a.jpg', 80, 60, undefined],
    ['//cdn.example.org/a.jpg', 80, 60, undefined],
    ['images/a.jpg', 80, 60, undefined],
    ['/images/a.jpg', undefined, 60, undefined],
    ['/images/a.jpg', 80, undefined, undefined],
  ])('%s at %s x %s', (src, width, height, expected) => {
    expect(resizableImage(src, width, height)).toEqual(expected);
  });

  it('offers the standard widths below the file, then its own, never more', () => {
    expect(srcsetWidths(2000)).toEqual([320, 640, 960, 1280, 2000]);
    expect(srcsetWidths(640)).toEqual([320, 640]);
    expect(srcsetWidths(200)).toEqual([200]);
  });
});

describe('responsiveBodyImages', () => {
  it('rewrites a local sized image as the service gives it, keeping alt and title', async () => {
    const { resize, requests } = fakeService();
    const html = '<figure class="figure"><img src="/images/chart.jpg" alt="A chart &#x26; a &#x22;key&#x22;" title="Q2" loading="lazy" decoding="async" width="1600" height="900"><figcaption>Payouts.</figcaption></figure>';
    expect(await responsiveBodyImages(html, resize)).toBe(
      '<figure class="figure"><img src="/_image?href=%2Fimages%2Fchart.jpg&amp;w=1600&amp;f=webp" ' +
        'srcset="/_image?href=%2Fimages%2Fchart.jpg&amp;w=320&amp;f=webp 320w, /_image?href=%2Fimages%2Fchart.jpg&amp;w=640&amp;f=webp 640w, /_image?href=%2Fimages%2Fchart.jpg&amp;w=960&amp;f=webp 960w, /_image?href=%2Fimages%2Fchart.jpg&amp;w=1280&amp;f=webp 1280w, /_image?href=%2Fimages%2Fchart.jpg&amp;w=1600&amp;f=webp 1600w" ' +
        `alt="A chart &amp; a &quot;key&quot;" title="Q2" sizes="${ARTICLE_IMAGE_SIZES}" width="1600" height="900" loading="lazy" decoding="async">` +
        '<figcaption>Payouts.</figcaption></figure>',
    );
    expect(requests).toEqual([{ src: { src: '/images/chart.jpg', width: 1600, height: 900, format: 'jpg' }, width: 1600, height: 900, widths: [320, 640, 960, 1280, 1600], sizes: ARTICLE_IMAGE_SIZES, format: 'webp' }]);
  });

  it('leaves remote images, SVGs, images without a size and other tags as written', async () => {
    const { resize, requests } = fakeService();
    const html = [
      '<p><img src="https://images.example.org/q.jpg" alt="Remote" width="800" height="600"></p>',
      '<p><img src="/images/logo.svg" alt="Logo" width="80" height="60"></p>',
      '<p><img src="/images/unsized.jpg" alt="No size"></p>',
      '<p><img src="/images/half.jpg" alt="Percent" width="50%" height="300"></p>',
      '<p title="<img src=/images/x.jpg width=1 height=1>">&#x3C;img src="/images/y.jpg" width="9" height="9"></p>',
    ].join('\n');
    expect(await responsiveBodyImages(html, resize)).toBe(html);
    expect(requests).toEqual([]);
  });

  it('rewrites every image of the document, in the free body and an open locked part', async () => {
    const { resize } = fakeService();
    const html = '<p><img src="/images/a.png" alt="A" width="100" height="50"></p>\n<section class="locked-part locked-part--open" id="key-insights"><h2>Key</h2><ul><li><img src="/images/b.png" alt="B" width="700" height="350"></li></ul></section>';
    const out = await responsiveBodyImages(html, resize);
    expect(out.match(/srcset="/g)).toHaveLength(2);
    expect(out).toContain('srcset="/_image?href=%2Fimages%2Fa.png&amp;w=100&amp;f=webp 100w"');
    expect(out).toContain('/_image?href=%2Fimages%2Fb.png&amp;w=640&amp;f=webp 640w, /_image?href=%2Fimages%2Fb.png&amp;w=700&amp;f=webp 700w"');
  });

  it('reads the images of the compiler’s own output', async () => {
    const source = storyFile('<Figure src="/images/quay.jpg" alt="The quay" caption="At dusk." />\n\n![A chart](</images/q 2.png>)');
    const compiled = compileStory('articles/harbour-bank.mdx', source, { ...CONTEXT, imageSizes: { '/images/quay.jpg': { width: 1200, height: 800 }, '/images/q%202.png': { width: 300, height: 200 } } });
    if (!compiled.ok) expect.fail(JSON.stringify(compiled.problems));
    const { resize, requests } = fakeService();
    await responsiveBodyImages(compiled.story.publicHtml, resize);
    expect(requests.map((r) => [r.src.src, r.width, r.height])).toEqual([
      ['/images/quay.jpg', 1200, 800],
      ['/images/q%202.png', 300, 200],
    ]);
  });
});

describe('html-image-tags', () => {
  it('stops at anything outside the serialiser’s shape and leaves the rest as written', async () => {
    const html = "<p data-x='single'>a</p><img src=\"/a.jpg\">";
    expect(await rewriteImageTags(html, () => '<img>')).toBe(html);
  });

  it('reads tags with valueless attributes and self-closing slashes', async () => {
    const seen: string[] = [];
    await rewriteImageTags('<img src="/a.jpg" ismap/><br><img alt="">', (tag) => {
      seen.push(JSON.stringify([...tag.attributes]));
      return undefined;
    });
    expect(seen).toEqual(['[["src","/a.jpg"],["ismap",true]]', '[["alt",""]]']);
  });

  it('decodes references and escapes what it writes', () => {
    expect(decodeReferences('a&#x26;b &#34;c&#x22; &amp; &lt; &copy; &#0;')).toBe('a&b "c" & < &copy; &#0;');
    expect(writeImageTag([['src', '/a.jpg?x=1&y=2'], ['alt', 'say "hi"'], ['ismap', true], ['title', undefined], ['hidden', false]])).toBe('<img src="/a.jpg?x=1&amp;y=2" alt="say &quot;hi&quot;" ismap>');
  });
});
