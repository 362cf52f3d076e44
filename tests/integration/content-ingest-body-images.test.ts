// The body's local images at ingest (src/server/content/ingest-image.ts, ingest-story.ts): each
// file in public/ is measured with sharp and its width and height go on the stored <img> (free
// body and locked parts alike, through a compile thread as well as in-process); a missing or
// unreadable one is a problem on that image's line and the story is not saved.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblems, stories, storyLockedParts } from '../../db/schema/index.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { saveStory } from '../../src/server/content/ingest-story.ts';
import { DATABASE_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, freshDatabaseWithPeople, publicFolderWithChart, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;
let publicDir: string;

beforeAll(async () => {
  folder = contentFolder('body-images');
  publicDir = await publicFolderWithChart();
  await sharp({ create: { width: 30, height: 40, channels: 3, background: '#993366' } }).jpeg().toFile(path.join(publicDir, 'images/quay at dusk.jpg'));
  writeFileSync(path.join(publicDir, 'images/broken.jpg'), 'not a picture');
  t = await freshDatabaseWithPeople(folder, NOW);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  folder?.dispose();
  rmSync(publicDir, { recursive: true, force: true });
});

const save = (slug: string, source: string) => saveStory(t.db, { sourcePath: `articles/${slug}.mdx`, source, savedBy: 'test', now: NOW, publicDir });
const lineOf = (source: string, text: string) => source.split('\n').findIndex((line) => line.includes(text)) + 1;

async function storedHtml(slug: string): Promise<{ publicHtml: string; locked: string[] }> {
  const [row] = await t.db.select({ id: stories.id, publicHtml: stories.publicHtml }).from(stories).where(eq(stories.slug, slug));
  if (!row) expect.fail(`${slug} was not saved`);
  const locked = await t.db.select({ html: storyLockedParts.html }).from(storyLockedParts).where(eq(storyLockedParts.storyId, row.id));
  return { publicHtml: row.publicHtml, locked: locked.map((l) => l.html) };
}

describe('body images at ingest', () => {
  it('in public/ are stored with their width and height, in the free body and a locked part', async () => {
    const source = storyFile({
      body: '<Figure src="/images/chart.png" alt="A bar chart of dividends" caption="Payouts since 2020." />\n\n![The quay](</images/quay at dusk.jpg>)',
      keyInsight: 'The chart that matters: ![Dividend cover](/images/chart.png)',
    });
    expect(await save('with-body-images', source)).toMatchObject({ ok: true, changed: true });
    const { publicHtml, locked } = await storedHtml('with-body-images');
    expect(publicHtml).toContain('<img src="/images/chart.png" alt="A bar chart of dividends" loading="lazy" decoding="async" width="64" height="36">');
    expect(publicHtml).toContain('<img src="/images/quay%20at%20dusk.jpg" alt="The quay" width="30" height="40">');
    expect(locked.join('')).toContain('<img src="/images/chart.png" alt="Dividend cover" width="64" height="36">');
  });

  it('keep the size an author gave', async () => {
    expect(await save('author-sized', storyFile({ body: '<Figure src="/images/chart.png" alt="A chart" width="32" height="18" />' }))).toMatchObject({ ok: true });
    expect((await storedHtml('author-sized')).publicHtml).toContain('width="32" height="18"');
  });

  it('taken in by the folder sync on a compile thread get their size too', async () => {
    folder.write('articles/synced-body-image.mdx', storyFile({ body: '![A chart](/images/chart.png)' }));
    const result = await syncContentFolder(t.db, folder.root, { now: NOW, log: () => {}, mode: 'per-file', publicDir, compileThreads: 1 });
    expect(result.problems).toEqual([]);
    expect((await storedHtml('synced-body-image')).publicHtml).toContain('<img src="/images/chart.png" alt="A chart" width="64" height="36">');
  });

  it('missing from public/ is a problem on that image line, recorded, and nothing is saved', async () => {
    const source = storyFile({ body: 'The figures.\n\n<Figure src="/images/chart.png" alt="A chart" />\n\n<Figure src="/images/missing.png" alt="Gone" />' });
    const line = lineOf(source, '/images/missing.png');
    expect(line).toBeGreaterThan(12);
    const problems = [{ line, message: 'image /images/missing.png was not found in public/ (public/images/missing.png)' }];
    expect(await save('missing-body-image', source)).toEqual({ ok: false, problems });
    expect(await t.db.select().from(stories).where(eq(stories.slug, 'missing-body-image'))).toEqual([]);
    const [recorded] = await t.db.select({ problems: contentProblems.problems }).from(contentProblems).where(eq(contentProblems.sourcePath, 'articles/missing-body-image.mdx'));
    expect(recorded?.problems).toEqual(problems);
  });

  it('missing in a locked part is reported on its line too', async () => {
    const source = storyFile({ executiveAction: 'Read the memo: ![The memo](/images/memo.png)' });
    expect(await save('missing-locked-image', source)).toEqual({ ok: false, problems: [{ line: lineOf(source, '/images/memo.png'), message: expect.stringContaining('/images/memo.png was not found') }] });
  });

  it('that is not an image is a problem on its line', async () => {
    const source = storyFile({ body: 'Text.\n\n![Broken](/images/broken.jpg)' });
    expect(await save('broken-body-image', source)).toEqual({ ok: false, problems: [{ line: lineOf(source, 'broken.jpg'), message: expect.stringContaining('image /images/broken.jpg could not be read as an image') }] });
  });
});
