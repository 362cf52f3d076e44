import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, feedParagraphs, rssXml, type Feed, type FeedItem } from '../../src/lib/feeds/rss.ts';
import { sitemapXml } from '../../src/lib/feeds/sitemap.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['item', 'url', 'dc:creator', 'p'].includes(name),
});

/** Parses XML as a strict reader would, failing the test if it is not well formed. */
function parseXml(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const tricky = `Q&A: "Tesla's" <b>rival</b> & M&A`;

const item = (overrides: Partial<FeedItem> = {}): FeedItem => ({
  title: 'Arkwell starts output at €2.4 billion Spanish plant',
  url: 'https://masthead.example/autos/arkwell-plant/',
  dek: 'The first line near Zaragoza will supply phosphate cells.',
  summary: 'Arkwell has begun making LFP cells.',
  paragraphs: ['First paragraph.', 'Second paragraph.'],
  publishedAt: new Date('2026-08-25T07:15:00Z'),
  authors: ['Priya Raman'],
  category: 'Autos',
  ...overrides,
});

const feed = (items: FeedItem[], overrides: Partial<Feed> = {}): Feed => ({
  title: 'Masthead',
  description: 'Business news',
  siteUrl: 'https://masthead.example/',
  feedUrl: 'https://masthead.example/rss.xml',
  items,
  ...overrides,
});

/** The paragraphs a feed reader shows for an item's content:encoded HTML. */
function contentParagraphs(encoded: string): string[] {
  const html = parser.parse(`<div>${encoded}</div>`) as { div: { p: (string | { strong: string })[] } };
  return html.div.p.map((p) => (typeof p === 'string' ? p : p.strong));
}

describe('escapeXml', () => {
  it.each([
    { input: 'A & B', output: 'A &amp; B' },
    { input: '<script>', output: '&lt;script&gt;' },
    { input: `"quoted" and 'single'`, output: '&quot;quoted&quot; and &apos;single&apos;' },
    { input: '&amp;', output: '&amp;amp;' },
    { input: 'plain text', output: 'plain text' },
  ])('escapes $input', ({ input, output }) => {
    expect(escapeXml(input)).toBe(output);
  });
});

describe('feedParagraphs', () => {
  it('splits public_text at blank lines, as the compiler joins its blocks', () => {
    expect(feedParagraphs('First block.\n\nSecond block.\n\nThird.')).toEqual(['First block.', 'Second block.', 'Third.']);
  });

  it('folds white space and drops empty blocks', () => {
    expect(feedParagraphs('  One\n line.  \n \n\n\n\t\nTwo.\n')).toEqual(['One line.', 'Two.']);
    expect(feedParagraphs('')).toEqual([]);
  });

  it('keeps markup as text, for rssXml to escape', () => {
    expect(feedParagraphs('<b>bold</b> & more')).toEqual(['<b>bold</b> & more']);
  });
});

describe('rssXml', () => {
  it('parses as RSS 2.0 with a channel describing the site', () => {
    const { rss } = parseXml(rssXml(feed([item()])));
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel.title).toBe('Masthead');
    expect(rss.channel.link).toBe('https://masthead.example/');
    expect(rss.channel['atom:link']['@href']).toBe('https://masthead.example/rss.xml');
    expect(rss.channel['atom:link']['@rel']).toBe('self');
  });

  it('gives each item its title, link, permanent guid, date, category and authors', () => {
    const [first] = parseXml(rssXml(feed([item({ authors: ['Priya Raman', 'Tomás Ibarra'] })]))).rss.channel.item;
    expect(first).toMatchObject({
      title: 'Arkwell starts output at €2.4 billion Spanish plant',
      link: 'https://masthead.example/autos/arkwell-plant/',
      guid: { '#text': 'https://masthead.example/autos/arkwell-plant/', '@isPermaLink': 'true' },
      pubDate: 'Tue, 25 Aug 2026 07:15:00 GMT',
      category: 'Autos',
      'dc:creator': ['Priya Raman', 'Tomás Ibarra'],
      description: 'The first line near Zaragoza will supply phosphate cells.',
    });
  });

  it('dates the feed by its newest item', () => {
    const xml = rssXml(feed([item({ publishedAt: new Date('2026-08-25T07:15:00Z') }), item({ publishedAt: new Date('2026-08-20T00:00:00Z') })]));
    expect(parseXml(xml).rss.channel.lastBuildDate).toBe('Tue, 25 Aug 2026 07:15:00 GMT');
  });

  it('is well formed with no items', () => {
    const { rss } = parseXml(rssXml(feed([])));
    expect(rss.channel.item).toBeUndefined();
    expect(rss.channel.lastBuildDate).toBeUndefined();
  });

  it('escapes special characters so every text reads back as written', () => {
    const xml = rssXml(
      feed([item({ title: tricky, dek: tricky, category: tricky, authors: [tricky], url: 'https://masthead.example/search?q=a&b=c' })], {
        title: tricky,
        description: tricky,
      }),
    );
    const { channel } = parseXml(xml).rss;
    const [first] = channel.item;
    expect([channel.title, channel.description, first.title, first.description, first.category, first['dc:creator'][0]]).toEqual(Array(6).fill(tricky));
    expect(first.link).toBe('https://masthead.example/search?q=a&b=c');
  });

  it('carries the summary and the free paragraphs as HTML in content:encoded', () => {
    const [first] = parseXml(rssXml(feed([item()]))).rss.channel.item;
    expect(contentParagraphs(first['content:encoded'])).toEqual(['Arkwell has begun making LFP cells.', 'First paragraph.', 'Second paragraph.']);
  });

  it('escapes markup in the paragraphs, so text cannot become HTML in a reader', () => {
    const [first] = parseXml(rssXml(feed([item({ summary: tricky, paragraphs: ['<script>alert(1)</script>'] })]))).rss.channel.item;
    expect(contentParagraphs(first['content:encoded'])).toEqual([tricky, '<script>alert(1)</script>']);
  });

  it('stays well formed when the content holds "]]>", and the reader sees it as written', () => {
    const text = 'Arrays close with ]]> in some languages ]]]]>.';
    const xml = rssXml(feed([item({ summary: text, paragraphs: [text], title: text, dek: text })]));
    const [first] = parseXml(xml).rss.channel.item;
    expect(first.title).toBe(text);
    expect(first.description).toBe(text);
    expect(contentParagraphs(first['content:encoded'])).toEqual([text, text]);
  });
});

describe('sitemapXml', () => {
  it('parses as a sitemap with absolute URLs and ISO dates', () => {
    const xml = sitemapXml(
      [
        { path: '/', lastModified: new Date('2026-08-25T07:15:00Z') },
        { path: '/autos/arkwell-plant/', lastModified: new Date('2026-08-25T07:15:00Z') },
      ],
      'https://masthead.example',
    );
    const { urlset } = parseXml(xml);
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset.url).toEqual([
      { loc: 'https://masthead.example/', lastmod: '2026-08-25T07:15:00.000Z' },
      { loc: 'https://masthead.example/autos/arkwell-plant/', lastmod: '2026-08-25T07:15:00.000Z' },
    ]);
  });

  it('leaves out lastmod when a page has no known change', () => {
    const { urlset } = parseXml(sitemapXml([{ path: '/search/' }], 'https://masthead.example/'));
    expect(urlset.url).toEqual([{ loc: 'https://masthead.example/search/' }]);
  });

  it('escapes special characters in URLs', () => {
    const { urlset } = parseXml(sitemapXml([{ path: "/tags/m&a/?q='x'" }], 'https://masthead.example/'));
    expect(urlset.url[0].loc).toBe(new URL("/tags/m&a/?q='x'", 'https://masthead.example/').href);
    expect(urlset.url[0].loc).toContain('&');
  });

  it('is well formed with no entries', () => {
    expect(parseXml(sitemapXml([], 'https://masthead.example/')).urlset.url).toBeUndefined();
  });
});
