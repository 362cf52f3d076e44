// What the desk's front page shows: stories waiting (drafts, scheduled) and recently out, and
// what each story led to over the last 7 and 30 days.
import type { Db } from '../../../db/client.ts';
import { publicationStatus, type Story } from '../../lib/content/story.ts';
import { conversionRows, type ConversionRow } from '../../lib/desk/conversion-report.ts';
import { allStories } from '../content/stories.ts';
import { conversionsBySlug } from './conversions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT = 12;

export interface DeskStories {
  drafts: Story[];
  /** Soonest first. */
  scheduled: Story[];
  /** Newest first. */
  recent: Story[];
}

export async function deskStories(now: Date): Promise<DeskStories> {
  const stories = await allStories();
  const withStatus = (status: string) => stories.filter((s) => publicationStatus(s, now) === status);
  return {
    drafts: withStatus('draft'),
    scheduled: withStatus('scheduled').reverse(),
    recent: withStatus('published').slice(0, RECENT),
  };
}

/** Report rows for every story with activity in the last 30 days (up to `now`). */
export async function conversionReport(db: Db, now: Date): Promise<ConversionRow[]> {
  const [last7, last30, stories] = await Promise.all([
    conversionsBySlug(db, new Date(now.getTime() - 7 * DAY_MS), now),
    conversionsBySlug(db, new Date(now.getTime() - 30 * DAY_MS), now),
    allStories(),
  ]);
  return conversionRows(
    stories.map((s) => ({ slug: s.slug, title: s.title, section: s.section, publishedAt: s.publishedAt })),
    last7,
    last30,
  );
}
