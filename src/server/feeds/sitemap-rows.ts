// What the sitemap lists, read from the database at `now`: public stories only.
// - Stories go into files of `size` in id order (the primary key): file n starts at
//   `order by id offset (n - 1) * size` and is read from there a page at a time. A story keeps
//   its file as others are added (new ids come last); offset is enough since a crawler reads a
//   handful of files, each cached.
// - lastmod is the story's last change as readers are told it: updated_at (the editor's
//   "Updated …", also JSON-LD dateModified) or else published_at, never later than `now`.
//   Not saved_at: it moves on every save, even a fix to a locked part no crawler sees or a
//   re-import of the same file, and is earlier than published_at for a story saved ahead of
//   its time; crawlers would be sent to pages that did not change.
// - The listings file: the home page, every section, and every author and tag with a public
//   story, each dated by its newest story. Only first pages: every story is in the story files,
//   so deeper list pages add nothing for a crawler, and the file stays within one file's limit.
import { and, asc, desc, eq, gt, gte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { sections, stories, storyAuthors, storyTags } from '../../../db/schema/content.ts';
import { storyPath } from '../../lib/content/story.ts';
import { latestDate, LISTINGS_SITEMAP_PATH, SITEMAP_MAX_URLS, sitemapFileCount, storySitemapPath, type SitemapEntry } from '../../lib/feeds/sitemap.ts';
import { publicAt } from '../content/story-rows.ts';

/** A story's last change for lastmod (see the header). */
const lastChange = (now: Date): SQL<Date> =>
  sql<Date>`least(greatest(${stories.publishedAt}, coalesce(${stories.updatedAt}, ${stories.publishedAt})), ${now.toISOString()}::timestamptz)`.mapWith(stories.publishedAt);

const newestChange = (now: Date): SQL<Date | null> => sql<Date | null>`max(${lastChange(now)})`.mapWith(stories.publishedAt);

/** The index's entries: each stories file with its newest change, then the listings file. */
export async function sitemapFiles(db: Db, now: Date, size = SITEMAP_MAX_URLS): Promise<SitemapEntry[]> {
  sitemapFileCount(0, size); // refuses a size that is not a whole number from 1
  const numbered = db
    .select({ rank: sql<number>`row_number() over (order by ${stories.id})`.as('rank'), changed: sql<Date>`${lastChange(now)}`.as('changed') })
    .from(stories)
    .where(publicAt(now))
    .as('numbered');
  // The size is written into the SQL (a checked whole number), so "group by" and the select
  // list hold the very same expression rather than two parameters.
  const file = sql<number>`((${numbered.rank} - 1) / ${sql.raw(String(size))})::int`;
  const files = await db
    .select({ file, lastModified: sql<Date>`max(${numbered.changed})`.mapWith(stories.publishedAt) })
    .from(numbered)
    .groupBy(file)
    .orderBy(file);
  const storyFiles = files.map((f) => ({ path: storySitemapPath(Number(f.file) + 1), lastModified: f.lastModified }));
  return [...storyFiles, { path: LISTINGS_SITEMAP_PATH, lastModified: latestDate(storyFiles.map((f) => f.lastModified)) }];
}

/**
 * Stories file n (from 1): its public stories in id order, `pageRows` stories at a time (each
 * page read after the one before is used): a file of 50,000 stories read and written whole
 * held about 30 MB at once, which the server kept after (docs/performance.md). Nothing past
 * the last file.
 */
export async function* storySitemapEntryPages(db: Db, now: Date, n: number, size = SITEMAP_MAX_URLS, pageRows = 1000): AsyncGenerator<SitemapEntry[]> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`storySitemapEntryPages: file number must be a whole number from 1, not ${n}`);
  const [first] = await db
    .select({ id: stories.id })
    .from(stories)
    .where(publicAt(now))
    .orderBy(asc(stories.id))
    .limit(1)
    .offset((n - 1) * size);
  if (!first) return;
  let from = gte(stories.id, first.id);
  for (let left = size; left > 0; ) {
    const rows = await db
      .select({ id: stories.id, slug: stories.slug, section: stories.sectionId, changed: lastChange(now) })
      .from(stories)
      .where(and(publicAt(now), from))
      .orderBy(asc(stories.id))
      .limit(Math.min(pageRows, left));
    if (rows.length === 0) return;
    yield rows.map((r) => ({ path: storyPath(r), lastModified: r.changed }));
    left -= rows.length;
    from = gt(stories.id, rows.at(-1)?.id as number);
  }
}

/** The listings file: home, sections (in navigation order), authors and tags with a public story. */
export async function listingSitemapEntries(db: Db, now: Date): Promise<SitemapEntry[]> {
  const [home] = await db.select({ changed: newestChange(now) }).from(stories).where(publicAt(now));
  const sectionRows = await db
    .select({ id: sections.id, changed: newestChange(now) })
    .from(sections)
    .leftJoin(stories, and(eq(stories.sectionId, sections.id), publicAt(now)))
    .groupBy(sections.id, sections.position)
    .orderBy(asc(sections.position), asc(sections.id));
  const authorRows = await db
    .select({ id: storyAuthors.authorId, changed: newestChange(now) })
    .from(storyAuthors)
    .innerJoin(stories, eq(stories.id, storyAuthors.storyId))
    .where(publicAt(now))
    .groupBy(storyAuthors.authorId)
    .orderBy(asc(storyAuthors.authorId));
  const room = SITEMAP_MAX_URLS - 1 - sectionRows.length - authorRows.length;
  // Were there ever more tags than one file holds, the tags with the stalest stories give way.
  const tagRows = await db
    .select({ id: storyTags.tagId, changed: newestChange(now) })
    .from(storyTags)
    .innerJoin(stories, eq(stories.id, storyTags.storyId))
    .where(publicAt(now))
    .groupBy(storyTags.tagId)
    .orderBy(desc(newestChange(now)), asc(storyTags.tagId))
    .limit(Math.max(0, room));
  const dated = (path: string, changed: Date | null | undefined): SitemapEntry => ({ path, lastModified: changed ?? undefined });
  return [
    dated('/', home?.changed),
    ...sectionRows.map((s) => dated(`/${s.id}/`, s.changed)),
    ...authorRows.map((a) => dated(`/authors/${a.id}/`, a.changed)),
    ...tagRows.sort((a, b) => a.id.localeCompare(b.id)).map((t) => dated(`/tags/${t.id}/`, t.changed)),
  ];
}
