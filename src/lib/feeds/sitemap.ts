// sitemap.xml from a list of public paths with their last change.
import { escapeXml } from './rss.ts';

export interface SitemapEntry {
  path: string;
  lastModified?: Date | undefined;
}

export function sitemapXml(entries: readonly SitemapEntry[], siteUrl: string): string {
  const urls = entries.map((e) =>
    [
      '<url>',
      `<loc>${escapeXml(new URL(e.path, siteUrl).href)}</loc>`,
      e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : '',
      '</url>',
    ].join(''),
  );
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>'].join('\n');
}
