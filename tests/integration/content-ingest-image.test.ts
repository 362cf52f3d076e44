// A story's lead image at ingest (src/server/content/ingest-image.ts): a file in public/ has
// its width and height read (sharp) and stored with the story; a missing one is a problem on
// the frontmatter's image line and the story is not saved.
import { rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stories } from '../../db/schema/index.ts';
import { saveStory } from '../../src/server/content/ingest-story.ts';
import { DATABASE_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-db.ts';
import { contentFolder, freshDatabaseWithPeople, publicFolderWithChart, storyFile, type ContentFolder } from './content-ingest-fixtures.ts';

const NOW = new Date('2026-03-05T12:00:00Z');
let t: TestDatabase;
let folder: ContentFolder;
let publicDir: string;

beforeAll(async () => {
  folder = contentFolder('image');
  publicDir = await publicFolderWithChart();
  t = await freshDatabaseWithPeople(folder, NOW);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  folder?.dispose();
  rmSync(publicDir, { recursive: true, force: true });
});

const withImage = (src: string) => storyFile({ image: ['image:', `  src: ${src}`, '  alt: A bar chart of dividends', '  credit: Harbour Bank'] });
const save = (slug: string, source: string) => saveStory(t.db, { sourcePath: `articles/${slug}.mdx`, source, savedBy: 'test', now: NOW, publicDir });

describe('the lead image', () => {
  it('in public/ is stored with its width and height', async () => {
    expect(await save('with-image', withImage('/images/chart.png'))).toMatchObject({ ok: true, changed: true });
    const [row] = await t.db.select({ image: stories.image }).from(stories).where(eq(stories.slug, 'with-image'));
    expect(row?.image).toEqual({ src: '/images/chart.png', alt: 'A bar chart of dividends', credit: 'Harbour Bank', width: 64, height: 36 });
  });

  it('missing from public/ is a problem on the image line, and nothing is saved', async () => {
    const source = withImage('/images/missing.png');
    const srcLine = source.split('\n').findIndex((line) => line.includes('src: /images/missing.png')) + 1;
    expect(await save('missing-image', source)).toEqual({ ok: false, problems: [{ line: srcLine, message: expect.stringContaining('/images/missing.png was not found in public/') }] });
    expect(await t.db.select().from(stories).where(eq(stories.slug, 'missing-image'))).toEqual([]);
  });

  it('outside public/ is refused', async () => {
    const result = await save('escaping-image', withImage('/../../etc/passwd'));
    expect(result.ok).toBe(false);
  });
});
