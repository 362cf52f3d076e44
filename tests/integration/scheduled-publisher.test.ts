// src/server/content/scheduled-publisher.ts on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
// a due scheduled story becomes 'published' and its cache keys are announced, once, by
// whichever instance gets there first; nothing else is touched. Rows are inserted directly.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stories } from '../../db/schema/content.ts';
import { keysForStoryChange } from '../../src/lib/content/cache-keys.ts';
import { onContentChange } from '../../src/server/content/content-changes.ts';
import { publishDueStories, startScheduledPublisher } from '../../src/server/content/scheduled-publisher.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedAuthors, seedSections, seedStories, seedTags } from './story-store-seed.ts';

const NOW = new Date('2026-09-01T09:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

let t: TestDatabase;
let announced: string[][];
let stopListening: () => void;

beforeEach(async () => {
  t = await freshDatabase();
  await seedSections(t.db, [{ id: 'business', position: 1 }, { id: 'markets', position: 2 }]);
  await seedAuthors(t.db, [{ id: 'mei-lin-zhao', name: 'Mei Lin Zhao' }]);
  await seedTags(t.db, ['tariffs']);
  await seedStories(t.db, [
    { slug: 'due', section: 'business', status: 'scheduled', publishedAt: at(-1), tags: ['tariffs'], authors: ['mei-lin-zhao'] },
    { slug: 'later', section: 'markets', status: 'scheduled', publishedAt: at(30) },
    { slug: 'draft', section: 'business', status: 'draft', publishedAt: at(-100) },
    { slug: 'old', section: 'business', status: 'published', publishedAt: at(-3600) },
  ]);
  announced = [];
  stopListening = onContentChange((keys) => announced.push([...keys]));
}, DATABASE_SETUP_TIMEOUT_MS);

afterEach(async () => {
  stopListening();
  await t.close();
});

async function statuses(): Promise<Record<string, string>> {
  const rows = await t.db.select({ slug: stories.slug, status: stories.status }).from(stories);
  return Object.fromEntries(rows.map((row) => [row.slug, row.status]));
}

describe('publishDueStories', () => {
  it('publishes the due scheduled story, announces its keys, and leaves the rest alone', async () => {
    const published = await publishDueStories(t.db, NOW);
    const keys = keysForStoryChange({ slug: 'due', section: 'business', tags: ['tariffs'], authors: ['mei-lin-zhao'] });
    expect(published).toEqual([{ slug: 'due', keys }]);
    expect(announced).toEqual([keys]);
    expect(keys).toEqual(expect.arrayContaining(['story:due', 'section:business', 'tag:tariffs', 'author:mei-lin-zhao', 'front']));
    expect(await statuses()).toEqual({ due: 'published', later: 'scheduled', draft: 'draft', old: 'published' });

    // Done once: the next tick finds nothing and announces nothing.
    expect(await publishDueStories(t.db, NOW)).toEqual([]);
    expect(announced).toHaveLength(1);
  });

  it('looks only at the window after `since`', async () => {
    expect(await publishDueStories(t.db, NOW, at(-0.5))).toEqual([]);
    expect((await publishDueStories(t.db, NOW, at(-2))).map((story) => story.slug)).toEqual(['due']);
  });

  it('publishes each story once when two instances tick together', async () => {
    await seedStories(t.db, Array.from({ length: 20 }, (_, i) => ({ slug: `batch-${i}`, section: 'markets', status: 'scheduled' as const, publishedAt: at(-i) })));
    const other = t.anotherHandle();
    const [a, b] = await Promise.all([publishDueStories(t.db, NOW), publishDueStories(other.db, NOW)]);
    const slugs = [...a, ...b].map((story) => story.slug).sort();
    expect(slugs).toEqual(['due', ...Array.from({ length: 20 }, (_, i) => `batch-${i}`)].sort());
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe('startScheduledPublisher', () => {
  it('publishes a story within 2 s of its time on the clock it is given, and logs it', async () => {
    let clock = at(-5); // before 'due' is due
    const lines: string[] = [];
    const stop = startScheduledPublisher(t.db, () => clock, (line) => lines.push(line), 100);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await statuses()).due).toBe('scheduled');
      clock = at(31); // past 'due' and 'later'
      const moved = Date.now();
      while ((await statuses()).later !== 'published' && Date.now() - moved < 2000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await statuses()).toMatchObject({ due: 'published', later: 'published' });
      expect(Date.now() - moved).toBeLessThan(2000);
      expect(announced.flat()).toEqual(expect.arrayContaining(['story:due', 'story:later', 'section:markets']));
      expect(lines.join('\n')).toMatch(/Published on schedule: .*due/);
    } finally {
      stop();
    }
  });

  it('ticks every second by default', async () => {
    let clock = at(-5);
    const stop = startScheduledPublisher(t.db, () => clock, () => {});
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      clock = NOW;
      const moved = Date.now();
      while ((await statuses()).due !== 'published' && Date.now() - moved < 3000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(Date.now() - moved).toBeLessThan(2000);
      const [row] = await t.db.select({ status: stories.status }).from(stories).where(eq(stories.slug, 'due'));
      expect(row?.status).toBe('published');
    } finally {
      stop();
    }
  });
});
