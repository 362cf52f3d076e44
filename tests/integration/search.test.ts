// Search in the database (src/server/search/search-stories.ts), on PGlite or on PostgreSQL with
// TEST_DATABASE_URL: ranking, marked snippets, pages with a total, public stories only at the
// clock's time, and never a word that only a locked part (story_locked_parts) holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchStories } from '../../src/server/search/search-stories.ts';
import { HEADLINE_START, HEADLINE_STOP, type SnippetPart } from '../../src/lib/search/snippet.ts';
import { DATABASE_SETUP_TIMEOUT_MS, DAY, HOUR, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { insertPeople, insertStories } from './search-rows.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const LOCKED_INSIGHT = '<ul><li>The heron ledger of Quillmoor counts seventeen silver kites.</li></ul>';
const LOCKED_ACTION = '<ol><li>Instruct the Quillmoor treasury to audit every amber turbine.</li></ol>';

let t: TestDatabase;
const find = async (q: string, at = NOW, page = 1, size = 20) => searchStories(t.db, q, at, page, size);
const slugs = async (q: string, at = NOW) => (await find(q, at)).items.map((r) => r.story.slug);
const marked = (parts: SnippetPart[]) => parts.filter((p) => p.match).map((p) => p.text);
const plain = (parts: SnippetPart[]) => parts.map((p) => p.text).join('');

beforeAll(async () => {
  t = await freshDatabase();
  await insertPeople(t.db);
  await insertStories(t.db, [
    { slug: 'zaragoza-jobs', title: 'Zaragoza hiring boom', paragraphs: ['Factories in the region are hiring engineers.'], publishedAt: ago(3 * DAY) },
    {
      slug: 'tariffs',
      title: 'Carmakers brace for tariffs',
      paragraphs: ['Brussels weighs duties on imported batteries.', 'Plants near Zaragoza ramp up while <script>alert(1)</script> lithium iron phosphate lines start.'],
      publishedAt: ago(1 * DAY),
    },
    { slug: 'dek-only', title: 'A quiet week', dek: 'Molybdenum prices held steady.', publishedAt: ago(2 * DAY) },
    {
      slug: 'canary',
      title: 'A holding company reports a quiet quarter',
      paragraphs: ['Brisvander Holdings reported a quarter in which very little happened.', 'Its free body is ordinary text.'],
      locked: { 'key-insights': LOCKED_INSIGHT, 'executive-actions': LOCKED_ACTION },
      publishedAt: ago(4 * DAY),
    },
    { slug: 'draft', status: 'draft', title: 'Pellinor draft', paragraphs: ['Pellinor in a draft.'], publishedAt: ago(DAY) },
    { slug: 'unpublished', status: 'unpublished', title: 'Pellinor withdrawn', paragraphs: ['Pellinor taken down.'], publishedAt: ago(DAY) },
    { slug: 'scheduled', status: 'scheduled', title: 'Pellinor scheduled', paragraphs: ['Pellinor tomorrow.'], publishedAt: new Date(NOW.getTime() + DAY) },
    { slug: 'published-later', status: 'published', title: 'Pellinor later', paragraphs: ['Pellinor within the hour.'], publishedAt: new Date(NOW.getTime() + HOUR) },
    ...[1, 2, 3, 4, 5].map((n) => ({ slug: `copper-${n}`, title: `Copper note ${n}`, paragraphs: [`Copper smelters, note ${n}.`], publishedAt: ago(10 * DAY + n * HOUR) })),
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);

afterAll(() => t?.close());

describe('searchStories', () => {
  it('ranks a title match above a body match, even a newer one', async () => {
    expect(await slugs('zaragoza')).toEqual(['zaragoza-jobs', 'tariffs']);
  });

  it('needs every word, stems them and ignores case', async () => {
    expect(await slugs('Zaragoza LITHIUM')).toEqual(['tariffs']);
    expect(await slugs('battery')).toEqual(['tariffs']);
    expect(await slugs('zaragoza brussels factories')).toEqual([]);
  });

  it('marks the matched words in a snippet of the body, as text split into parts', async () => {
    const [hit] = (await find('lithium')).items;
    expect(marked(hit!.snippet)).toEqual(['lithium']);
    expect(plain(hit!.snippet)).toContain('lithium iron phosphate');
    for (const part of hit!.snippet) expect(part.text).not.toMatch(new RegExp(`[${HEADLINE_START}${HEADLINE_STOP}]`));
  });

  it('takes the snippet from the dek when the match is there', async () => {
    const [hit] = (await find('molybdenum')).items;
    expect(hit!.story.slug).toBe('dek-only');
    expect(marked(hit!.snippet)).toEqual(['Molybdenum']);
    expect(plain(hit!.snippet)).toBe('Molybdenum prices held steady.');
  });

  it('never finds a draft, an unpublished story or one whose time has not come', async () => {
    expect(await find('pellinor')).toEqual({ items: [], total: 0 });
    const later = new Date(NOW.getTime() + 2 * DAY);
    expect((await slugs('pellinor', later)).sort()).toEqual(['published-later', 'scheduled']);
  });

  it.each(['Quillmoor', 'heron ledger', 'silver kites', 'amber turbine', '"seventeen silver"'])('never finds %s, which only a locked part holds', async (q) => {
    expect(await find(q)).toEqual({ items: [], total: 0 });
  });

  it('finds the story by its free body, and no locked word is in its snippet', async () => {
    const [hit, ...rest] = (await find('Brisvander quarter')).items;
    expect(rest).toEqual([]);
    expect(hit!.story.slug).toBe('canary');
    expect(marked(hit!.snippet)).toEqual(['Brisvander', 'quarter']);
    expect(plain(hit!.snippet)).not.toMatch(/Quillmoor|heron|kites|turbine/i);
  });

  it('pages the results, with the total on every page', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => find('copper', NOW, page, 2)));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    // Equal ranks: newest first, so note 1 (published last) leads.
    expect(pages.flatMap((p) => p.items.map((r) => r.story.slug))).toEqual(['copper-1', 'copper-2', 'copper-3', 'copper-4', 'copper-5']);
  });

  it.each(['', '   ', 'the and of', '-', '""', "'&|!:*()"])('answers %j with nothing, without an error', async (q) => {
    expect(await find(q)).toEqual({ items: [], total: 0 });
  });

  it('refuses a page that is not a whole number from 1', async () => {
    await expect(find('copper', NOW, 0)).rejects.toThrow(RangeError);
  });
});
