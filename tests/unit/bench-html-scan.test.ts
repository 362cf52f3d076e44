import { describe, expect, it } from 'vitest';
import { decodeEntities, elementById, hasElement, openingTags, visibleText } from '../../bench/lib/html-scan.mjs';

describe('elementById', () => {
  it('gives the inner HTML up to the close tag that balances it, nested elements of its name included', () => {
    const html = '<main><section id="key-insights"><h2>Key</h2><section><p>inner</p></section><p>after</p></section><section id="x">other</section></main>';
    expect(elementById(html, 'key-insights')).toEqual({ name: 'section', attrs: { id: 'key-insights' }, inner: '<h2>Key</h2><section><p>inner</p></section><p>after</p>' });
  });

  it('is undefined when no element has the id (a class or text naming it does not count)', () => {
    expect(elementById('<p class="locked">locked</p><a href="#locked">x</a>', 'locked')).toBeUndefined();
  });
});

describe('openingTags and hasElement', () => {
  it('reads attributes in any order and quoting, decoded', () => {
    const [a] = openingTags(`<a title='r&amp;d@x.test' href=/account/ data-x>`);
    expect(a).toMatchObject({ name: 'a', attrs: { title: 'r&d@x.test', href: '/account/', 'data-x': '' } });
    expect(hasElement('<A TITLE="me" HREF="/account/">', 'a', { href: '/account/', title: 'me' })).toBe(true);
    expect(hasElement('<a href="/account/">', 'a', { href: '/account/', title: 'me' })).toBe(false);
  });
});

describe('visibleText', () => {
  it('leaves out styles, scripts and comments, keeps words in separate elements apart, decodes references', () => {
    const html = '<style>.locked-part--open{}</style><script type="application/ld+json">{"a":"secret"}</script><!-- note --><ul><li>One&#x2019;s</li><li>two&nbsp;&amp;  three</li></ul>';
    expect(visibleText(html)).toBe('One’s two & three');
  });

  it('decodes numeric and the named references our pages use, and leaves others alone', () => {
    expect(decodeEntities('&#8220;a&#x201D; &lt;b&gt; &quot;c&quot; &unknown;')).toBe('“a” <b> "c" &unknown;');
  });
});
