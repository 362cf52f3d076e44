// Serves the sitemap index (/sitemap.xml) and its files (/sitemaps/<n>.xml, /sitemaps/pages.xml)
// from sitemap-rows.ts and the builders in src/lib/feeds/sitemap.ts (a stories file streamed by
// sitemap-stream.ts); public, filed under the
// cache key front (every story change purges it).
import { SITE_URL } from 'astro:env/server';
import { cacheKeys } from '../../lib/content/cache-keys.ts';
import { parseSitemapFile, sitemapIndexXml, sitemapXml } from '../../lib/feeds/sitemap.ts';
import { getDb } from '../db/database.ts';
import { markPublic } from '../http/cache-control.ts';
import { listingSitemapEntries, sitemapFiles } from './sitemap-rows.ts';
import { storySitemapStream } from './sitemap-stream.ts';

function xmlResponse(xml: string | ReadableStream<Uint8Array>): Response {
  const headers = new Headers({ 'Content-Type': 'application/xml; charset=utf-8' });
  markPublic(headers, [cacheKeys.front()]);
  return new Response(xml, { headers });
}

const notFound = () => new Response('No such sitemap file.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export async function sitemapIndexResponse(now: Date): Promise<Response> {
  return xmlResponse(sitemapIndexXml(await sitemapFiles(await getDb(), now), SITE_URL));
}

/** `file` is the route parameter: "pages" or a story file number. */
export async function sitemapFileResponse(now: Date, file: string | undefined): Promise<Response> {
  const which = parseSitemapFile(file);
  if (!which) return notFound();
  const db = await getDb();
  if (which.kind === 'pages') return xmlResponse(sitemapXml(await listingSitemapEntries(db, now), SITE_URL));
  const stream = await storySitemapStream(db, now, which.n, SITE_URL);
  return stream ? xmlResponse(stream) : notFound();
}
