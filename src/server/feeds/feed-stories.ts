// The RSS XML of the site or of one section, read from the database: the latest FEED_LENGTH
// public stories (one indexed query, newest first), their authors' and sections' names, and
// each story's paragraphs from public_text. No locked part is in public_text, and
// story_locked_parts is never read here. Takes the database and the site's names as arguments,
// so tests run it on PGlite and PostgreSQL; story-feed.ts serves it.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { authors, sections, stories } from '../../../db/schema/content.ts';
import { feedParagraphs, rssXml, type FeedItem } from '../../lib/feeds/rss.ts';
import { storyPath } from '../../lib/content/story.ts';
import { newestFirst, publicAt } from '../content/story-rows.ts';

export const FEED_LENGTH = 30;

export interface FeedSite {
  /** The canonical origin, e.g. https://news.example.com */
  siteUrl: string;
  publicationName: string;
}

/** The feed's XML; undefined when `sectionId` names no section (the route answers 404). */
export async function storyFeedXml(db: Db, now: Date, site: FeedSite, sectionId?: string): Promise<string | undefined> {
  const section =
    sectionId === undefined
      ? undefined
      : (await db.select({ id: sections.id, name: sections.name, description: sections.description }).from(sections).where(eq(sections.id, sectionId)))[0];
  if (sectionId !== undefined && !section) return undefined;

  const conditions: SQL[] = [publicAt(now)];
  if (section) conditions.push(eq(stories.sectionId, section.id));
  const rows = await db
    .select({
      slug: stories.slug,
      sectionId: stories.sectionId,
      title: stories.title,
      dek: stories.dek,
      summary: stories.summary,
      authorIds: stories.authorIds,
      publishedAt: stories.publishedAt,
      publicText: stories.publicText,
    })
    .from(stories)
    .where(and(...conditions))
    .orderBy(...newestFirst)
    .limit(FEED_LENGTH);

  const authorIds = [...new Set(rows.flatMap((r) => r.authorIds))];
  const sectionIds = [...new Set(rows.map((r) => r.sectionId))];
  const authorNames = new Map(
    authorIds.length === 0 ? [] : (await db.select({ id: authors.id, name: authors.name }).from(authors).where(inArray(authors.id, authorIds))).map((a) => [a.id, a.name]),
  );
  const sectionNames = new Map(
    sectionIds.length === 0 ? [] : (await db.select({ id: sections.id, name: sections.name }).from(sections).where(inArray(sections.id, sectionIds))).map((s) => [s.id, s.name]),
  );

  const items: FeedItem[] = rows.map((r) => ({
    title: r.title,
    url: new URL(storyPath({ section: r.sectionId, slug: r.slug }), site.siteUrl).href,
    dek: r.dek,
    summary: r.summary,
    paragraphs: feedParagraphs(r.publicText),
    publishedAt: r.publishedAt,
    authors: r.authorIds.map((id) => authorNames.get(id) ?? id),
    category: sectionNames.get(r.sectionId) ?? r.sectionId,
  }));
  const path = section ? `/${section.id}/` : '/';
  return rssXml({
    title: section ? `${site.publicationName}: ${section.name}` : site.publicationName,
    description: section ? section.description : 'Business news for people who decide.',
    siteUrl: new URL(path, site.siteUrl).href,
    feedUrl: new URL(`${path}rss.xml`, site.siteUrl).href,
    items,
  });
}
