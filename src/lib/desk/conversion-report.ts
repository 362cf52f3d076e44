// The desk's conversion figures per story: rows for the last 7 and 30 days, the top stories by
// each measure, and the CSV export. Pure: the counts come from src/server/desk/conversions.ts.

/** What a story led to in a time window. */
export interface StoryCounts {
  /** Accounts created by readers who started registering from the story. */
  registrations: number;
  /** Unlocks of the story (with a credit). */
  unlocks: number;
  /** Club memberships started from the story. */
  joins: number;
}

export type Metric = keyof StoryCounts;

export interface ReportStory {
  slug: string;
  title: string;
  section: string;
  publishedAt: Date;
}

export interface ConversionRow {
  story: ReportStory;
  last7: StoryCounts;
  last30: StoryCounts;
  /**
   * Set when the counts name a slug no story has any more (its file was deleted or renamed):
   * the row keeps the slug as its title and has no section or publication date.
   */
  unknownStory?: true;
}

export const METRICS: readonly Metric[] = ['registrations', 'unlocks', 'joins'];

const ZERO: StoryCounts = { registrations: 0, unlocks: 0, joins: 0 };

export function totalOf(counts: StoryCounts): number {
  return counts.registrations + counts.unlocks + counts.joins;
}

function unknownStory(slug: string): ReportStory {
  return { slug, title: slug, section: '', publishedAt: new Date(0) };
}

function byThirtyDaysThenTitle(a: ConversionRow, b: ConversionRow): number {
  return totalOf(b.last30) - totalOf(a.last30) || a.story.title.localeCompare(b.story.title) || a.story.slug.localeCompare(b.story.slug);
}

/**
 * One row per story that has any activity in 30 days (plus every story in `stories` if
 * includeQuiet), sorted by 30-day total desc then title. Slugs with counts but no known story
 * (deleted files) are kept with the slug as title.
 */
export function conversionRows(
  stories: ReportStory[],
  last7: Map<string, StoryCounts>,
  last30: Map<string, StoryCounts>,
  includeQuiet = false,
): ConversionRow[] {
  const known = new Map(stories.map((s) => [s.slug, s]));
  const slugs = new Set([...last30.keys(), ...last7.keys(), ...(includeQuiet ? known.keys() : [])]);
  const rows: ConversionRow[] = [];
  for (const slug of slugs) {
    const counts7 = { ...ZERO, ...last7.get(slug) };
    const counts30 = { ...ZERO, ...last30.get(slug) };
    const story = known.get(slug);
    if (!includeQuiet && totalOf(counts30) === 0 && totalOf(counts7) === 0) continue;
    rows.push(story ? { story, last7: counts7, last30: counts30 } : { story: unknownStory(slug), last7: counts7, last30: counts30, unknownStory: true });
  }
  return rows.sort(byThirtyDaysThenTitle);
}

/** The `n` stories with the most of `metric` in `window`, most first; stories with none are left out. */
export function topStories(rows: ConversionRow[], metric: Metric, window: 'last7' | 'last30', n = 5): ConversionRow[] {
  return rows
    .filter((row) => row[window][metric] > 0)
    .sort((a, b) => b[window][metric] - a[window][metric] || byThirtyDaysThenTitle(a, b))
    .slice(0, n);
}

export const CSV_HEADER = [
  'slug', 'title', 'section', 'published_at',
  'registrations_7d', 'unlocks_7d', 'joins_7d', 'registrations_30d', 'unlocks_30d', 'joins_30d',
] as const;

/**
 * One CSV cell. A spreadsheet would run a cell starting with = + - @ (or a tab or carriage
 * return) as a formula: such a cell gets a leading apostrophe. Then RFC 4180 quoting.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV (RFC 4180: CRLF line ends, quoted where needed), header first. */
export function conversionsCsv(rows: ConversionRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows) {
    const { story, last7, last30 } = row;
    const published = row.unknownStory ? '' : story.publishedAt.toISOString();
    const section = row.unknownStory ? '' : story.section;
    const counts = [...METRICS.map((m) => last7[m]), ...METRICS.map((m) => last30[m])];
    lines.push([story.slug, story.title, section, published, ...counts].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
