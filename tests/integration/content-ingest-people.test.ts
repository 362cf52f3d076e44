// Sections and authors from their YAML files (src/server/content/ingest-people.ts): saved once
// per text, a bad file reported with its line and nothing saved, the change announced (every
// page for a section, whose name is in every page's navigation; an author's own key and front),
// and a removal refused while a story names it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authors, contentProblems, sections } from '../../db/schema/index.ts';
import { onContentChange } from '../../src/server/content/content-changes.ts';
import { removeSectionOrAuthor, saveAuthor, saveSection } from '../../src/server/content/ingest-people.ts';
import { saveStory } from '../../src/server/content/ingest-story.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { storyFile } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
const BUSINESS = 'name: Business\ndescription: Companies and deals.\norder: 1\n';
const MEI = 'name: Mei-Lin Zhao\nrole: Asia Industry Correspondent\nbio: Reports on carmakers.\n';
let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('a section file', () => {
  it('is saved once per text, and its change announced', async () => {
    const heard: string[][] = [];
    const off = onContentChange((keys) => heard.push([...keys]));
    try {
      expect(await saveSection(t.db, { sourcePath: 'sections/business.yaml', source: BUSINESS, now: NOW })).toMatchObject({ ok: true, changed: true, id: 'business' });
      expect(await saveSection(t.db, { sourcePath: 'sections/business.yaml', source: BUSINESS, now: NOW })).toMatchObject({ ok: true, changed: false });
      expect(heard).toEqual([['*']]);
    } finally {
      off();
    }
    expect(await t.db.select().from(sections)).toMatchObject([{ id: 'business', name: 'Business', description: 'Companies and deals.', position: 1 }]);
  });

  it('with a bad field is reported at its line and changes nothing', async () => {
    const result = await saveSection(t.db, { sourcePath: 'sections/business.yaml', source: 'name: Business\ndescription: Companies and deals.\norder: first\n', now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^order: /) });
    expect((await t.db.select().from(sections))[0]?.position).toBe(1);
    expect(await t.db.select().from(contentProblems)).toMatchObject([{ sourcePath: 'sections/business.yaml', problems: result.problems }]);
    expect(await saveSection(t.db, { sourcePath: 'sections/business.yaml', source: BUSINESS, now: NOW })).toMatchObject({ ok: true, changed: false });
    expect(await t.db.select().from(contentProblems)).toEqual([]);
  });

  it('that is not YAML is reported at the broken line', async () => {
    const result = await saveSection(t.db, { sourcePath: 'sections/markets.yaml', source: 'name: Markets\ndescription: [unclosed\norder: 3\n', now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(await t.db.select().from(sections).where(eq(sections.id, 'markets'))).toEqual([]);
  });
});

describe('an author file', () => {
  it('is saved, and announced with the author key', async () => {
    const heard: string[][] = [];
    const off = onContentChange((keys) => heard.push([...keys]));
    try {
      expect(await saveAuthor(t.db, { sourcePath: 'authors/mei-lin-zhao.yaml', source: MEI, now: NOW })).toMatchObject({ ok: true, changed: true, id: 'mei-lin-zhao' });
    } finally {
      off();
    }
    expect(heard).toEqual([['front', 'author:mei-lin-zhao']]);
    expect(await t.db.select().from(authors)).toMatchObject([{ id: 'mei-lin-zhao', name: 'Mei-Lin Zhao', role: 'Asia Industry Correspondent' }]);
  });

  it('missing a field is reported', async () => {
    const result = await saveAuthor(t.db, { sourcePath: 'authors/jonas-berg.yaml', source: 'name: Jonas Berg\nrole: Editor\n', now: NOW });
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringMatching(/^bio: /) }] });
  });
});

describe('a removed section or author file', () => {
  it('is reported and kept while a story names it, and removed once none does', async () => {
    await saveAuthor(t.db, { sourcePath: 'authors/jonas-berg.yaml', source: 'name: Jonas Berg\nrole: Editor\nbio: Edits.\n', now: NOW });
    const story = await saveStory(t.db, { sourcePath: 'articles/named.mdx', source: storyFile({ authors: ['mei-lin-zhao'] }), savedBy: 'file:articles/named.mdx', now: NOW });
    expect(story.ok).toBe(true);
    const kept = await removeSectionOrAuthor(t.db, 'author', { sourcePath: 'authors/mei-lin-zhao.yaml', now: NOW });
    expect(kept).toMatchObject({ removed: false, problems: [{ line: 1, message: 'authors/mei-lin-zhao.yaml was removed, but 1 story names author mei-lin-zhao: it stays until none does' }] });
    expect(await t.db.select({ id: authors.id }).from(authors).where(eq(authors.id, 'mei-lin-zhao'))).toHaveLength(1);
    const section = await removeSectionOrAuthor(t.db, 'section', { sourcePath: 'sections/business.yaml', now: NOW });
    expect(section.removed).toBe(false);
    expect(await removeSectionOrAuthor(t.db, 'author', { sourcePath: 'authors/jonas-berg.yaml', now: NOW })).toEqual({ removed: true, problems: [], keys: ['front', 'author:jonas-berg'] });
    expect(await t.db.select({ id: authors.id }).from(authors).where(eq(authors.id, 'jonas-berg'))).toEqual([]);
  });
});
