// The desk's conversion report: rows per story, the top stories by each measure, the CSV.
import { describe, expect, it } from 'vitest';
import { conversionRows, conversionsCsv, csvCell, topStories, type ReportStory, type StoryCounts } from '../../src/lib/desk/conversion-report.ts';

const story = (slug: string, title: string, section = 'business'): ReportStory => ({ slug, title, section, publishedAt: new Date('2026-07-02T06:45:00Z') });
const counts = (registrations: number, unlocks: number, joins: number): StoryCounts => ({ registrations, unlocks, joins });
const NONE = counts(0, 0, 0);

const STORIES = [story('alpha', 'Alpha rises'), story('beta', 'Beta falls', 'markets'), story('gamma', 'Gamma holds'), story('quiet', 'Quiet one')];
const LAST30 = new Map([
  ['alpha', counts(2, 3, 1)], // 6
  ['beta', counts(0, 6, 0)], // 6, sorts after alpha by title
  ['gamma', counts(1, 0, 0)], // 1
  ['deleted-story', counts(0, 2, 0)], // 2, its file is gone
]);
const LAST7 = new Map([
  ['alpha', counts(1, 0, 1)],
  ['beta', counts(0, 4, 0)],
]);

describe('conversionRows', () => {
  const rows = conversionRows(STORIES, LAST7, LAST30);

  it('has one row per story with activity in 30 days, by 30-day total then title', () => {
    expect(rows.map((r) => r.story.slug)).toEqual(['alpha', 'beta', 'deleted-story', 'gamma']);
  });

  it('fills absent 7-day counts with zeros', () => {
    expect(rows.find((r) => r.story.slug === 'gamma')).toMatchObject({ last7: NONE, last30: counts(1, 0, 0) });
  });

  it('keeps a slug no story has any more, titled by its slug', () => {
    const row = rows.find((r) => r.story.slug === 'deleted-story');
    expect(row).toMatchObject({ story: { title: 'deleted-story', section: '' }, unknownStory: true, last30: counts(0, 2, 0) });
  });

  it('adds every quiet story when asked, with zeros, after the active ones', () => {
    const all = conversionRows(STORIES, LAST7, LAST30, true);
    expect(all.map((r) => r.story.slug)).toEqual(['alpha', 'beta', 'deleted-story', 'gamma', 'quiet']);
    expect(all.at(-1)).toMatchObject({ last7: NONE, last30: NONE });
    expect(all.at(-1)?.unknownStory).toBeUndefined();
  });

  it('is empty when nothing happened', () => {
    expect(conversionRows(STORIES, new Map(), new Map())).toEqual([]);
  });
});

describe('topStories', () => {
  const rows = conversionRows(STORIES, LAST7, LAST30);

  it.each([
    ['unlocks', 'last30', ['beta', 'alpha', 'deleted-story']],
    ['unlocks', 'last7', ['beta']],
    ['registrations', 'last30', ['alpha', 'gamma']],
    ['joins', 'last7', ['alpha']],
  ] as const)('by %s over %s leaves out stories with none', (metric, window, expected) => {
    expect(topStories(rows, metric, window).map((r) => r.story.slug)).toEqual(expected);
  });

  it('keeps only the first n', () => {
    expect(topStories(rows, 'unlocks', 'last30', 2).map((r) => r.story.slug)).toEqual(['beta', 'alpha']);
  });

  it('breaks ties by 30-day total, then title', () => {
    const tied = conversionRows([story('b', 'B'), story('a', 'A'), story('c', 'C')], new Map(), new Map([['b', counts(1, 0, 0)], ['a', counts(1, 0, 0)], ['c', counts(1, 5, 0)]]));
    expect(topStories(tied, 'registrations', 'last30').map((r) => r.story.slug)).toEqual(['c', 'a', 'b']);
  });

  it('does not reorder the rows it was given', () => {
    const before = rows.map((r) => r.story.slug);
    topStories(rows, 'unlocks', 'last30');
    expect(rows.map((r) => r.story.slug)).toEqual(before);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 more', "'+1 more"],
    ['-5%', "'-5%"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['a = b', 'a = b'],
    ['', ''],
  ] as const)('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('conversionsCsv', () => {
  it('writes the header and one line per row, CRLF-terminated', () => {
    const rows = conversionRows([story('alpha', 'Alpha, "rising"'), story('evil', '=cmd|calc')], new Map([['alpha', counts(1, 0, 1)]]), new Map([['alpha', counts(2, 3, 1)], ['evil', counts(1, 0, 0)], ['gone', counts(0, 1, 0)]]));
    expect(conversionsCsv(rows)).toBe(
      [
        'slug,title,section,published_at,registrations_7d,unlocks_7d,joins_7d,registrations_30d,unlocks_30d,joins_30d',
        'alpha,"Alpha, ""rising""",business,2026-07-02T06:45:00.000Z,1,0,1,2,3,1',
        "evil,'=cmd|calc,business,2026-07-02T06:45:00.000Z,0,0,0,1,0,0",
        'gone,gone,,,0,0,0,0,1,0',
        '',
      ].join('\r\n'),
    );
  });

  it('is the header alone when there are no rows', () => {
    expect(conversionsCsv([])).toBe('slug,title,section,published_at,registrations_7d,unlocks_7d,joins_7d,registrations_30d,unlocks_30d,joins_30d\r\n');
  });
});
