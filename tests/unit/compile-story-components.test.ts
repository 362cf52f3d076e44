// The compiler's HTML for Markdown and for each component editors have: the markup of
// <PullQuote> and <Figure> (src/lib/content/story-html.ts), lowercase tags, GFM tables, heading ids.
import { describe, expect, it } from 'vitest';
import { freeHtml } from './compile-story-helpers.ts';

describe('compileStory: components', () => {
  it('renders <PullQuote> as PullQuote.astro does, with and without cite', () => {
    expect(freeHtml('<PullQuote cite="Ana Ruiz, chief executive">Ramp-up is where the money goes.</PullQuote>')).toBe(
      '<figure class="pull-quote"><blockquote>Ramp-up is where the money goes.</blockquote><figcaption>Ana Ruiz, chief executive</figcaption></figure>',
    );
    expect(freeHtml('<PullQuote>\n\nA *short* line.\n\n</PullQuote>')).toBe(
      '<figure class="pull-quote"><blockquote><p>A <em>short</em> line.</p></blockquote></figure>',
    );
  });

  it('renders <Figure> as Figure.astro does: image, caption, credit', () => {
    expect(freeHtml('<Figure src="/images/quay.jpg" alt="A quay" caption="The new quay." credit="Photo: J. Doe" width="800" height="600" />')).toBe(
      '<figure class="figure"><img src="/images/quay.jpg" alt="A quay" width="800" height="600" loading="lazy" decoding="async"><figcaption>The new quay.<span class="figure__credit"> Photo: J. Doe</span></figcaption></figure>',
    );
    expect(freeHtml('<Figure src="https://images.example.org/q.jpg" alt="A quay" />')).toBe(
      '<figure class="figure"><img src="https://images.example.org/q.jpg" alt="A quay" loading="lazy" decoding="async"></figure>',
    );
  });

  it('turns lowercase tags into elements', () => {
    expect(freeHtml('Line one<br />line two, 10<sup>3</sup> units of <abbr title="lithium iron phosphate">LFP</abbr>.')).toBe(
      '<p>Line one<br>line two, 10<sup>3</sup> units of <abbr title="lithium iron phosphate">LFP</abbr>.</p>',
    );
    expect(freeHtml('<table>\n  <tr>\n    <td colspan="2">Both</td>\n  </tr>\n</table>')).toBe(
      '<table><tr><td colspan="2">Both</td></tr></table>',
    );
  });

  it('renders GFM tables', () => {
    expect(freeHtml('| Year | Output |\n| :--- | ---: |\n| 2027 | 4 GWh |')).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">Year</th>\n<th align="right">Output</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">2027</td>\n<td align="right">4 GWh</td>\n</tr>\n</tbody>\n</table>',
    );
  });

  it('renders a Markdown link and image', () => {
    expect(freeHtml('See [the filing](https://example.org/filing.pdf "Filing").\n\n![A chart of output](/charts/output.png)')).toBe(
      '<p>See <a href="https://example.org/filing.pdf" title="Filing">the filing</a>.</p>\n<p><img src="/charts/output.png" alt="A chart of output"></p>',
    );
  });

  it('gives headings the ids Astro gave them (github-slugger, counting repeats)', () => {
    expect(freeHtml('## The yield problem\n\n### Why it’s hard\n\n## The yield problem')).toBe(
      '<h2 id="the-yield-problem">The yield problem</h2>\n<h3 id="why-its-hard">Why it’s hard</h3>\n<h2 id="the-yield-problem-1">The yield problem</h2>',
    );
  });

  it('prefixes ids an editor writes, so they cannot take the page’s own', () => {
    expect(freeHtml('<span id="paywall">x</span>')).toBe('<span id="user-content-paywall">x</span>');
  });
});
