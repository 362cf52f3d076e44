// Serves the RSS feed of the whole site or of one section (feed-stories.ts builds the XML),
// public and filed under the cache keys it is built from: front, and section:<id> for a section.
import { PUBLICATION_NAME, SITE_URL } from 'astro:env/server';
import { cacheKeys } from '../../lib/content/cache-keys.ts';
import { getDb } from '../db/database.ts';
import { markPublic } from '../http/cache-control.ts';
import { storyFeedXml } from './feed-stories.ts';

export async function storyFeedResponse(now: Date, sectionId?: string): Promise<Response> {
  const xml = await storyFeedXml(await getDb(), now, { siteUrl: SITE_URL, publicationName: PUBLICATION_NAME }, sectionId);
  if (xml === undefined) return new Response('No such section.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const headers = new Headers({ 'Content-Type': 'application/rss+xml; charset=utf-8' });
  markPublic(headers, sectionId === undefined ? [cacheKeys.front()] : [cacheKeys.front(), cacheKeys.section(sectionId)]);
  return new Response(xml, { headers });
}
