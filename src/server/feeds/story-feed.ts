// Builds the RSS response for the whole site or one section from published stories.
import { PUBLICATION_NAME, SITE_URL } from 'astro:env/server';
import { rssXml, type FeedItem } from '../../lib/feeds/rss.ts';
import { publicParagraphs } from '../../lib/content/public-text.ts';
import { storyPath } from '../../lib/content/story.ts';
import { allAuthors, allSections, publishedStories, storyBody } from '../content/stories.ts';
import { publicCacheControl } from '../http/cache-control.ts';

export const FEED_LENGTH = 30;

export async function storyFeedResponse(now: Date, sectionId?: string): Promise<Response> {
  const sections = await allSections();
  const section = sectionId === undefined ? undefined : sections.find((s) => s.id === sectionId);
  if (sectionId !== undefined && !section) return new Response('No such section.', { status: 404 });
  const authorNames = new Map((await allAuthors()).map((a) => [a.id, a.name]));
  const sectionNames = new Map(sections.map((s) => [s.id, s.name]));
  const stories = (await publishedStories(now)).filter((s) => !section || s.section === section.id).slice(0, FEED_LENGTH);
  const items: FeedItem[] = await Promise.all(
    stories.map(async (s) => ({
      title: s.title,
      url: new URL(storyPath(s), SITE_URL).href,
      dek: s.dek,
      summary: s.summary,
      paragraphs: publicParagraphs(await storyBody(s.slug)),
      publishedAt: s.publishedAt,
      authors: s.authors.map((id) => authorNames.get(id) ?? id),
      category: sectionNames.get(s.section) ?? s.section,
    })),
  );
  const path = section ? `/${section.id}/` : '/';
  const xml = rssXml({
    title: section ? `${PUBLICATION_NAME}: ${section.name}` : PUBLICATION_NAME,
    description: section ? section.description : 'Business news for people who decide.',
    siteUrl: new URL(path, SITE_URL).href,
    feedUrl: new URL(`${path}rss.xml`, SITE_URL).href,
    items,
  });
  return new Response(xml, {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': publicCacheControl() },
  });
}
