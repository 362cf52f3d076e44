// Every public page: home, sections (with their pages), stories, authors and tags.
import type { APIRoute } from 'astro';
import { SITE_URL } from 'astro:env/server';
import { sitemapXml, type SitemapEntry } from '../lib/feeds/sitemap.ts';
import { PAGE_SIZE, pagePath } from '../lib/content/paginate.ts';
import { storyPath, type Story } from '../lib/content/story.ts';
import { now } from '../server/content/clock.ts';
import { allAuthors, allSections, publishedStories } from '../server/content/stories.ts';
import { publicCacheControl } from '../server/http/cache-control.ts';

const lastChange = (s: Story) => s.updatedAt ?? s.publishedAt;

function listingPages(base: string, stories: Story[]): SitemapEntry[] {
  const pages = Math.max(1, Math.ceil(stories.length / PAGE_SIZE));
  return Array.from({ length: pages }, (_, i) => ({
    path: pagePath(base, i + 1),
    lastModified: stories[i * PAGE_SIZE] && lastChange(stories[i * PAGE_SIZE]!),
  }));
}

export const GET: APIRoute = async () => {
  const stories = await publishedStories(now());
  const entries: SitemapEntry[] = [{ path: '/', lastModified: stories[0] && lastChange(stories[0]) }];
  for (const section of await allSections()) {
    entries.push(...listingPages(`/${section.id}/`, stories.filter((s) => s.section === section.id)));
  }
  entries.push(...stories.map((s) => ({ path: storyPath(s), lastModified: lastChange(s) })));
  for (const author of await allAuthors()) {
    const theirs = stories.filter((s) => s.authors.includes(author.id));
    if (theirs.length > 0) entries.push(...listingPages(`/authors/${author.id}/`, theirs));
  }
  const tags = [...new Set(stories.flatMap((s) => s.tags))].sort();
  for (const tag of tags) entries.push(...listingPages(`/tags/${tag}/`, stories.filter((s) => s.tags.includes(tag))));
  return new Response(sitemapXml(entries, SITE_URL), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': publicCacheControl() },
  });
};
