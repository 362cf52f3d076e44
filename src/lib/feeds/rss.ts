// RSS 2.0 for a list of stories. Items carry only free text: the dek, the summary and the
// free body's paragraphs (stories.public_text, which holds no locked part). This file never
// sees MDX or HTML from the database: every text is escaped here.

export interface FeedItem {
  title: string;
  url: string;
  dek: string;
  summary: string;
  paragraphs: string[];
  publishedAt: Date;
  authors: string[];
  category: string;
}

export interface Feed {
  title: string;
  description: string;
  siteUrl: string;
  feedUrl: string;
  items: FeedItem[];
}

/** The paragraphs of a story's public_text: blocks separated by a blank line, as the compiler
 * writes them (src/lib/content/story-text.ts), white space folded, empty ones dropped. */
export function feedParagraphs(publicText: string): string[] {
  return publicText
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CDATA cannot hold "]]>"; split it across two sections. */
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

function itemXml(item: FeedItem): string {
  const html = [`<p><strong>${escapeHtml(item.summary)}</strong></p>`, ...item.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`)].join('');
  return [
    '<item>',
    `<title>${escapeXml(item.title)}</title>`,
    `<link>${escapeXml(item.url)}</link>`,
    `<guid isPermaLink="true">${escapeXml(item.url)}</guid>`,
    `<pubDate>${item.publishedAt.toUTCString()}</pubDate>`,
    `<category>${escapeXml(item.category)}</category>`,
    ...item.authors.map((a) => `<dc:creator>${escapeXml(a)}</dc:creator>`),
    `<description>${escapeXml(item.dek)}</description>`,
    `<content:encoded>${cdata(html)}</content:encoded>`,
    '</item>',
  ].join('');
}

export function rssXml(feed: Feed): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(feed.title)}</title>`,
    `<link>${escapeXml(feed.siteUrl)}</link>`,
    `<description>${escapeXml(feed.description)}</description>`,
    '<language>en</language>',
    `<atom:link href="${escapeXml(feed.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    feed.items[0] ? `<lastBuildDate>${feed.items[0].publishedAt.toUTCString()}</lastBuildDate>` : '',
    ...feed.items.map(itemXml),
    '</channel>',
    '</rss>',
  ].join('\n');
}
