// Everything a story's HTML may carry passes an allow-list: no script, style, iframe, event
// handler or javascript: URL reaches a page, and no editor can forge a locked-part marker.
import { describe, expect, it } from 'vitest';
import { fillLockedParts } from '../../src/lib/content/compiled-story.ts';
import { compiled, freeHtml, refused } from './compile-story-helpers.ts';

const MARKER_TEXT = '<!--masthead:locked:key-insights-->';

describe('compileStory: sanitising', () => {
  it('drops <script> with its content', () => {
    expect(freeHtml('Before.\n\n<script>alert("x")</script>\n\nAfter.')).toBe('<p>Before.</p>\n\n<p>After.</p>');
  });

  it('drops on* attributes and javascript: URLs', () => {
    expect(freeHtml('<a href="javascript:alert(1)" onclick="steal()">click</a>')).toBe('<a>click</a>');
    expect(freeHtml('[click](javascript:alert(1)) and <span onmouseover="steal()">hover</span>')).toBe('<p><a>click</a> and <span>hover</span></p>');
  });

  it('drops <iframe>, <style>, <object>, forms and style attributes', () => {
    const html = freeHtml(
      '<iframe src="https://evil.example/"></iframe>\n\n<style>@import url(https://evil.example/x.css);</style>\n\n<object data="x.swf"></object>\n\n<form action="https://evil.example/"><button>Go</button></form>\n\n<p style="position:fixed">Styled</p>',
    );
    expect(html).not.toMatch(/iframe|style|@import|object|form|action|evil/);
    expect(html).toContain('<p>Styled</p>');
  });

  it('keeps the component classes and drops any other class', () => {
    expect(freeHtml('<span class="figure__credit paywall-hidden">x</span>')).toBe('<span class="figure__credit">x</span>');
  });

  it('refuses an HTML comment (MDX has none), so the marker cannot be written as one', () => {
    expect(refused(`Text.\n\n${MARKER_TEXT}`)[0]?.message).toMatch(/^the story cannot be read as MDX/);
  });

  it('never lets marker text through as a marker: in code, escaped text or an attribute', () => {
    const story = compiled(`\`${MARKER_TEXT}\` and \\${MARKER_TEXT}\n\n<abbr title="${MARKER_TEXT}">x</abbr>`);
    // Only the two markers the compiler put where the default locked parts stood.
    expect(story.publicHtml.match(/<!--/g)).toHaveLength(2);
    const filled = fillLockedParts(story.publicHtml, (part) => `[${part}]`);
    expect(filled.match(/\[key-insights\]/g)).toHaveLength(1);
  });

  it('sanitises the locked parts too', () => {
    const body = 'Text.\n\n<KeyInsights>\n\n<script>alert(1)</script>\n\n- [go](javascript:alert(1))\n\n</KeyInsights>\n\n<ExecutiveActions>\n\n1. <b onclick="x()">Act</b>.\n\n</ExecutiveActions>';
    const story = compiled(body, { locked: false });
    expect(story.lockedParts).toEqual([
      { part: 'key-insights', html: '<ul>\n<li><a>go</a></li>\n</ul>' },
      { part: 'executive-actions', html: '<ol>\n<li><b>Act</b>.</li>\n</ol>' },
    ]);
  });
});
