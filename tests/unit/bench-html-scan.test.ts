import { describe, expect, it } from 'vitest';
import { elementById, findElement, parseHtml, visibleText } from '../../bench/lib/html-scan.mjs';

describe('elementById', () => {
  it('finds the element with the id, nested elements of its name inside it', () => {
    const tree = parseHtml('<main><section id="key-insights"><h2>Key</h2><section><p>inner</p></section><p>after</p></section><section id="x">other</section></main>');
    const element = elementById(tree, 'key-insights');
    expect(element?.tagName).toBe('section');
    expect(element && visibleText(element)).toBe('Key inner after');
  });

  it('is undefined when no element has the id (a class or text naming it does not count)', () => {
    expect(elementById(parseHtml('<p class="locked">locked</p><a href="#locked">x</a>'), 'locked')).toBeUndefined();
  });
});

describe('findElement', () => {
  it('matches attributes in any order and quoting, decoded, names in any case', () => {
    expect(findElement(parseHtml(`<a title='r&amp;d@x.test' href=/account/ data-x>`), 'a', { title: 'r&d@x.test', href: '/account/' })).toBeDefined();
    expect(findElement(parseHtml('<A TITLE="me" HREF="/account/">'), 'a', { href: '/account/', title: 'me' })).toBeDefined();
    expect(findElement(parseHtml('<a href="/account/">'), 'a', { href: '/account/', title: 'me' })).toBeUndefined();
  });

  it('takes values with quotes and backslashes literally', () => {
    expect(findElement(parseHtml(`<a title='say "hi" \\ bye'>`), 'a', { title: 'say "hi" \\ bye' })).toBeDefined();
  });
});

describe('visibleText', () => {
  it('leaves out styles, scripts, templates and comments, keeps words in separate blocks apart, decodes references', () => {
    const html = '<style>.locked-part--open{}</style><script type="application/ld+json">{"a":"secret"}</script><template><p>hidden</p></template><!-- note --><ul><li>One&#x2019;s</li><li>two&nbsp;&amp;  three</li></ul>';
    expect(visibleText(parseHtml(html))).toBe('One’s two & three');
  });

  it('joins inline elements as a reader reads them', () => {
    expect(visibleText(parseHtml('<p>A <em>well</em>-kept <a href="/x">library</a>s&#8217; text.</p>'))).toBe('A well-kept librarys’ text.');
  });
});
