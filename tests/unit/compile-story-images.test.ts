// The compiler and body images: it reports each local image (site path) with its file line, in
// the free body and the locked parts alike, and puts the measured width and height (handed in
// as CompileContext.imageSizes) on images whose author gave none.
import { describe, expect, it } from 'vitest';
import { compileStory } from '../../src/lib/content/compile-story.ts';
import type { CompiledStory, ImageSize } from '../../src/lib/content/compiled-story.ts';
import { BODY_LINE, CONTEXT, compiled, storyFile } from './compile-story-helpers.ts';

const CHART: ImageSize = { width: 1600, height: 900 };

/** The story compiled with these sizes, its public HTML without the default locked parts' markers. */
function withSizes(body: string, imageSizes: Record<string, ImageSize>): CompiledStory {
  const result = compileStory('articles/harbour-bank.mdx', storyFile(body), { ...CONTEXT, imageSizes });
  if (!result.ok) expect.fail(`refused: ${JSON.stringify(result.problems)}`);
  return { ...result.story, publicHtml: result.story.publicHtml.replace(/\n?<!--masthead:locked:[a-z-]+-->/g, '') };
}

const LOCKED_FIGURE = `<KeyInsights>

- Margins fell.

<Figure src="/images/margins.png" alt="Margins by quarter" />

</KeyInsights>

<ExecutiveActions>

1. Call the bank.

</ExecutiveActions>`;

describe('compileStory: local body images', () => {
  it('reports each local image with its file line, free and locked, and not remote ones', () => {
    const body = [
      'Output rose.', // BODY_LINE
      '',
      '<Figure src="/images/chart.jpg" alt="A chart" />', // +2
      '',
      '![The quay](/images/quay.jpg)', // +4
      '',
      '<Figure src="https://images.example.org/q.jpg" alt="A remote quay" />',
      '',
      '<img src="/images/raw.png" alt="Raw" width="40" height="30" />', // +8
      '',
      '![Protocol-relative](//cdn.example.org/x.jpg)',
      '',
      LOCKED_FIGURE, // the figure is at +16
    ].join('\n');
    const story = compileStory('articles/harbour-bank.mdx', storyFile(body, { locked: false }), CONTEXT);
    if (!story.ok) expect.fail(JSON.stringify(story.problems));
    expect(story.story.localImages).toEqual([
      { src: '/images/chart.jpg', line: BODY_LINE + 2, sized: false },
      { src: '/images/quay.jpg', line: BODY_LINE + 4, sized: false },
      { src: '/images/raw.png', line: BODY_LINE + 8, sized: true },
      { src: '/images/margins.png', line: BODY_LINE + 16, sized: false },
    ]);
  });

  it('reports none for a story without local images', () => {
    expect(compiled('Just text, and ![a remote one](https://example.org/a.jpg).').localImages).toEqual([]);
  });

  it('gives a <Figure> and a Markdown image without a size their measured width and height', () => {
    const story = withSizes('<Figure src="/images/chart.jpg" alt="A chart" />\n\n![The quay](/images/quay.jpg)', {
      '/images/chart.jpg': CHART,
      '/images/quay.jpg': { width: 640, height: 480 },
    });
    expect(story.publicHtml).toBe(
      '<figure class="figure"><img src="/images/chart.jpg" alt="A chart" loading="lazy" decoding="async" width="1600" height="900"></figure>\n' +
        '<p><img src="/images/quay.jpg" alt="The quay" width="640" height="480"></p>',
    );
  });

  it('gives images in a locked part their size too', () => {
    const result = compileStory('articles/harbour-bank.mdx', storyFile(`Output rose.\n\n${LOCKED_FIGURE}`, { locked: false }), {
      ...CONTEXT,
      imageSizes: { '/images/margins.png': { width: 800, height: 400 } },
    });
    if (!result.ok) expect.fail(JSON.stringify(result.problems));
    expect(result.story.lockedParts[0]?.html).toContain('<img src="/images/margins.png" alt="Margins by quarter" loading="lazy" decoding="async" width="800" height="400">');
    expect(result.story.publicHtml).not.toContain('margins.png');
  });

  it("keeps the author's width and height, and completes one given alone in proportion", () => {
    const sizes = { '/images/chart.jpg': CHART };
    expect(withSizes('<Figure src="/images/chart.jpg" alt="A chart" width="400" height="400" />', sizes).publicHtml).toContain('width="400" height="400"');
    for (const given of ['width="800"', 'height="450"']) {
      const html = withSizes(`<Figure src="/images/chart.jpg" alt="A chart" ${given} />`, sizes).publicHtml;
      expect(html).toContain(' width="800"');
      expect(html).toContain(' height="450"');
    }
  });

  it('matches a Markdown image by its URL as written in the HTML (percent-encoded)', () => {
    const story = withSizes('![A quay](</images/quay at dusk.jpg>)', { '/images/quay%20at%20dusk.jpg': CHART });
    expect(story.localImages.map((i) => i.src)).toEqual(['/images/quay%20at%20dusk.jpg']);
    expect(story.publicHtml).toBe('<p><img src="/images/quay%20at%20dusk.jpg" alt="A quay" width="1600" height="900"></p>');
  });

  it('leaves images without a measured size as written', () => {
    expect(withSizes('![The quay](/images/quay.jpg)', { '/images/other.jpg': CHART }).publicHtml).toBe('<p><img src="/images/quay.jpg" alt="The quay"></p>');
  });
});
