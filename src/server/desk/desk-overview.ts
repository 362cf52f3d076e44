// What the desk's front page shows: stories waiting (drafts, scheduled), recently out and
// withdrawn, each list a bounded query of the store, and what each story led to over the last
// 7 and 30 days (only the stories with activity are looked up).
import type { Db } from '../../../db/client.ts';
import { conversionRows, type ConversionRow } from '../../lib/desk/conversion-report.ts';
import { storiesBySlugs, storiesForDesk, type DeskStoryLists } from '../content/stories.ts';
import { conversionsBySlug } from './conversions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many stories each of the desk's lists shows. */
const DESK_LIST_LIMIT = 12;

export type DeskStories = DeskStoryLists;

export async function deskStories(now: Date): Promise<DeskStories> {
  return storiesForDesk(now, DESK_LIST_LIMIT);
}

/** Report rows for every story with activity in the last 30 days (up to `now`). */
export async function conversionReport(db: Db, now: Date): Promise<ConversionRow[]> {
  const [last7, last30] = await Promise.all([
    conversionsBySlug(db, new Date(now.getTime() - 7 * DAY_MS), now),
    conversionsBySlug(db, new Date(now.getTime() - 30 * DAY_MS), now),
  ]);
  const stories = await storiesBySlugs([...new Set([...last30.keys(), ...last7.keys()])]);
  return conversionRows(
    stories.map((s) => ({ slug: s.slug, title: s.title, section: s.section, publishedAt: s.publishedAt })),
    last7,
    last30,
  );
}
