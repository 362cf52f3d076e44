// Taking one story in (src/server/content/ingest-story.ts): a good file is stored whole, a bad
// one leaves nothing but its problems with their lines, the same text twice writes nothing,
// a new text is a new revision with its locked parts replaced, and a removed file is
// unpublished with its revisions kept. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentProblems, stories, storyAuthors, storyLockedParts, storyRevisions, storyTags, tags } from '../../db/schema/index.ts';
import { ESM_MESSAGE } from '../../src/lib/content/mdx-constructs.ts';
import { onContentChange } from '../../src/server/content/content-changes.ts';
import { saveStory } from '../../src/server/content/ingest-story.ts';
import { unpublishStory } from '../../src/server/content/ingest-unpublish.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, storyFile, tablesHolding, type ContentFolder } from './content-ingest-fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;

beforeAll(async () => {
  folder = contentFolder();
  t = await freshDatabase();
  // Sections and authors come in from their YAML files, as on the server.
  const synced = await syncContentFolder(t.db, folder.root, { now: NOW, log: () => {}, mode: 'per-file' });
  expect(synced.counts).toMatchObject({ saved: 10, failed: 0 });
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  folder?.dispose();
});

const save = (sourcePath: string, source: string, now = NOW) => saveStory(t.db, { sourcePath, source, savedBy: `file:${sourcePath}`, now });
const rowsIn = async (table: typeof stories | typeof storyRevisions | typeof tags | typeof contentProblems) => (await t.db.select({ n: count() }).from(table))[0]?.n;

describe('a good file', () => {
  it('is stored with its authors, tags, locked parts apart, one revision and no problem', async () => {
    const result = await save('articles/harbour-bank-dividend.mdx', storyFile());
    expect(result).toMatchObject({ ok: true, changed: true, slug: 'harbour-bank-dividend' });
    if (!result.ok) return;
    const [story] = await t.db.select().from(stories).where(eq(stories.id, result.storyId));
    expect(story).toMatchObject({ slug: 'harbour-bank-dividend', sectionId: 'business', status: 'published', sourcePath: 'articles/harbour-bank-dividend.mdx', authorIds: ['mei-lin-zhao'], tagIds: ['banks', 'dividends'], hasKeyInsights: true, hasExecutiveActions: true });
    expect(story?.publicHtml).toContain('raised its dividend by a fifth');
    expect(story?.publicHtml).not.toContain('signals confidence');
    expect(story?.publicText).not.toContain('signals confidence');
    const locked = await t.db.select().from(storyLockedParts).where(eq(storyLockedParts.storyId, result.storyId));
    expect(locked.map((l) => l.part).sort()).toEqual(['executive-actions', 'key-insights']);
    expect(locked.find((l) => l.part === 'key-insights')?.html).toContain('signals confidence');
    expect(await t.db.select({ a: storyAuthors.authorId, p: storyAuthors.position }).from(storyAuthors).where(eq(storyAuthors.storyId, result.storyId))).toEqual([{ a: 'mei-lin-zhao', p: 0 }]);
    expect((await t.db.select().from(storyTags).where(eq(storyTags.storyId, result.storyId))).map((r) => r.tagId).sort()).toEqual(['banks', 'dividends']);
    const revisions = await t.db.select().from(storyRevisions).where(eq(storyRevisions.storyId, result.storyId));
    expect(revisions).toMatchObject([{ savedBy: 'file:articles/harbour-bank-dividend.mdx', source: storyFile() }]);
  });

  it('is a draft or scheduled as its frontmatter and the clock say', async () => {
    const draft = await save('articles/a-draft.mdx', storyFile({ draft: true }));
    const later = await save('articles/a-later-one.mdx', storyFile({ publishedAt: '2026-03-06T07:00:00Z' }));
    const statusOf = async (slug: string) => (await t.db.select({ s: stories.status }).from(stories).where(eq(stories.slug, slug)))[0]?.s;
    expect(draft.ok && later.ok).toBe(true);
    expect(await statusOf('a-draft')).toBe('draft');
    expect(await statusOf('a-later-one')).toBe('scheduled');
  });
});

describe('a bad file', () => {
  const BROKEN = ['---', 'title: "A story whose frontmatter is wrong in five ways"', 'summary: "The dek is missing and the ids are unknown."', 'section: busyness', 'authors: [nobody-here]', 'tags: [Bad Tag]', 'publishedAt: yesterday', '---', '', 'Body text.', ''].join('\n');

  it('writes nothing but its problems, each with its line (what the build used to refuse)', async () => {
    const before = await Promise.all([rowsIn(stories), rowsIn(storyRevisions), rowsIn(tags)]);
    const result = await save('articles/broken-story.mdx', BROKEN);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected: [number, string][] = [
      [1, 'dek: a dek (one-sentence standfirst) is required'],
      [4, 'unknown section "busyness"'],
      [5, 'unknown author "nobody-here"'],
      [6, 'tags.0: tags are lowercase words joined by hyphens'],
      [7, 'publishedAt must be a date, e.g. 2026-07-02T06:45:00Z'],
    ];
    for (const [line, message] of expected) expect(result.problems.some((p) => p.line === line && p.message.includes(message)), `${line}: ${message}`).toBe(true);
    expect(await Promise.all([rowsIn(stories), rowsIn(storyRevisions), rowsIn(tags)])).toEqual(before);
    expect(await t.db.select().from(stories).where(eq(stories.slug, 'broken-story'))).toEqual([]);
    const [row] = await t.db.select().from(contentProblems).where(eq(contentProblems.sourcePath, 'articles/broken-story.mdx'));
    expect(row?.problems).toEqual(result.problems);
  });

  it('that imports its locked part is refused at the import line and its locked text is in no table', async () => {
    const canary = 'Only members may read that the harbour canary sings at dawn.';
    const source = storyFile({ keyInsight: canary }).replace('---\n\n', "---\n\nimport KeyInsights from '../../src/components/mdx/KeyInsights.astro'\n\n");
    expect(source.split('\n')[11]).toContain('import KeyInsights');
    const result = await save('articles/imports-key-insights.mdx', source);
    expect(result).toMatchObject({ ok: false, problems: expect.arrayContaining([{ line: 12, message: ESM_MESSAGE }]) });
    expect(await tablesHolding(t.db, 'harbour canary')).toEqual([]);
    // check:content names the same line, so an editor sees it before saving.
    const checked = contentFolder('check-import');
    try {
      checked.write('articles/imports-key-insights.mdx', source);
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/check-content.ts'), '--dir', checked.root], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`imports-key-insights.mdx:12: ${ESM_MESSAGE}`);
    } finally {
      checked.dispose();
    }
  }, 90_000);

  it('leaves the saved version of the story up, and is forgotten once fixed', async () => {
    const file = 'articles/kept-when-broken.mdx';
    const good = await save(file, storyFile({ title: 'The version readers see' }));
    const bad = await save(file, storyFile({ title: 'A later version' }).replace('section: business', 'section: nowhere'));
    expect(good.ok && !bad.ok).toBe(true);
    const [story] = await t.db.select().from(stories).where(eq(stories.slug, 'kept-when-broken'));
    expect(story).toMatchObject({ title: 'The version readers see', status: 'published' });
    expect(await t.db.select().from(contentProblems).where(eq(contentProblems.sourcePath, file))).toHaveLength(1);
    expect(await save(file, storyFile({ title: 'The version readers see' }))).toMatchObject({ ok: true, changed: false });
    expect(await t.db.select().from(contentProblems).where(eq(contentProblems.sourcePath, file))).toEqual([]);
  });

  it('may not take a slug the desk holds, nor the desk one a file holds', async () => {
    const desk = await saveStory(t.db, { sourcePath: null, slug: 'same-name', source: storyFile(), savedBy: 'user-1', now: NOW });
    expect(desk).toMatchObject({ ok: true, changed: true, slug: 'same-name' });
    expect(await save('articles/same-name.mdx', storyFile({ title: 'Another' }))).toEqual({ ok: false, problems: [{ line: 1, message: 'slug same-name is already used by a story saved on the desk' }] });
    await save('articles/file-held.mdx', storyFile());
    expect(await saveStory(t.db, { sourcePath: null, slug: 'file-held', source: storyFile({ title: 'Desk' }), savedBy: 'user-1', now: NOW })).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'slug file-held is already used by articles/file-held.mdx' }],
    });
  });
});

describe('saving again', () => {
  const file = 'articles/saved-twice.mdx';
  let storyId = 0;
  beforeEach(async () => {
    const first = await save(file, storyFile({ keyInsight: 'First insight.' }));
    if (first.ok) storyId = first.storyId;
  });
  const revisions = async () => (await t.db.select().from(storyRevisions).where(eq(storyRevisions.storyId, storyId))).length;

  it('the same text writes nothing: no new revision', async () => {
    const before = await revisions();
    expect(await save(file, storyFile({ keyInsight: 'First insight.' }))).toMatchObject({ ok: true, changed: false, storyId });
    expect(await revisions()).toBe(before);
  });

  it('a new text is a new revision, and its locked parts replace the old ones', async () => {
    const before = await revisions();
    expect(await save(file, storyFile({ keyInsight: 'Second insight.' }))).toMatchObject({ ok: true, changed: true, storyId });
    expect(await revisions()).toBe(before + 1);
    const html = (await t.db.select().from(storyLockedParts).where(eq(storyLockedParts.storyId, storyId))).map((l) => l.html).join('\n');
    expect(html).toContain('Second insight.');
    expect(html).not.toContain('First insight.');
  });
});

describe('a removed file', () => {
  it('is unpublished with its revisions kept, and published again when it comes back', async () => {
    const file = 'articles/taken-down.mdx';
    const saved = await save(file, storyFile());
    if (!saved.ok) throw new Error('not saved');
    expect(await unpublishStory(t.db, { sourcePath: file, now: NOW })).toEqual({ unpublished: true, slug: 'taken-down' });
    const statusOf = async () => (await t.db.select({ s: stories.status }).from(stories).where(eq(stories.id, saved.storyId)))[0]?.s;
    expect(await statusOf()).toBe('unpublished');
    expect(await t.db.select().from(storyRevisions).where(eq(storyRevisions.storyId, saved.storyId))).toHaveLength(1);
    expect(await save(file, storyFile())).toMatchObject({ ok: true, changed: true, storyId: saved.storyId });
    expect(await statusOf()).toBe('published');
  });
});

describe('the change announcement', () => {
  it('names the keys of the version before and after', async () => {
    const heard: string[][] = [];
    const off = onContentChange((keys) => heard.push([...keys]));
    try {
      await save('articles/moves-section.mdx', storyFile({ section: 'business', tags: ['banks'], authors: ['mei-lin-zhao'] }));
      heard.length = 0;
      await save('articles/moves-section.mdx', storyFile({ section: 'markets', tags: ['bonds'], authors: ['jonas-berg'] }));
      expect(heard).toHaveLength(1);
      expect([...(heard[0] ?? [])].sort()).toEqual(
        ['front', 'story:moves-section', 'section:business', 'section:markets', 'tag:banks', 'tag:bonds', 'author:mei-lin-zhao', 'author:jonas-berg'].sort(),
      );
      heard.length = 0;
      await save('articles/moves-section.mdx', storyFile({ section: 'markets', tags: ['bonds'], authors: ['jonas-berg'] }));
      expect(heard).toEqual([]);
    } finally {
      off();
    }
  });
});
