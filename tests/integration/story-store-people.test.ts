// Sections and authors (src/server/content/people.ts): their order, lookups, bylines, and the
// in-memory copy that a content change drops; on PGlite and on PostgreSQL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authors, sections } from '../../db/schema/content.ts';
import { announceContentChange } from '../../src/server/content/content-changes.ts';
import { provideDatabase } from '../../src/server/db/database.ts';
import { allAuthors, allSections, authorsByIds, findAuthor, findSection } from '../../src/server/content/stories.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, type TestDatabase } from '../support/test-db.ts';
import { seedAuthors, seedSections, useForStore } from './story-store-seed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
  useForStore(t);
  await seedSections(t.db, [
    { id: 'markets', name: 'Markets', position: 2 },
    { id: 'business', name: 'Business', position: 1 },
    { id: 'autos', name: 'Autos', position: 2 },
  ]);
  await seedAuthors(t.db, [
    { id: 'zoe', name: 'Zoe Adler' },
    { id: 'ana', name: 'Ana Ruiz' },
    { id: 'ben', name: 'Ben Okafor' },
  ]);
}, DATABASE_SETUP_TIMEOUT_MS);
afterAll(() => t?.close());

describe('sections and authors', () => {
  it('lists sections in navigation order, then by name', async () => {
    expect(await allSections()).toEqual([
      { id: 'business', name: 'Business', description: 'All about business.', order: 1 },
      { id: 'autos', name: 'Autos', description: 'All about autos.', order: 2 },
      { id: 'markets', name: 'Markets', description: 'All about markets.', order: 2 },
    ]);
  });

  it('lists authors by name', async () => {
    expect((await allAuthors()).map((a) => a.id)).toEqual(['ana', 'ben', 'zoe']);
    expect(await findAuthor('ben')).toEqual({ id: 'ben', name: 'Ben Okafor', role: 'Reporter', bio: 'Ben Okafor reports.' });
  });

  it('finds one by id, or nothing', async () => {
    expect((await findSection('autos'))?.name).toBe('Autos');
    expect(await findSection('nowhere')).toBeUndefined();
    expect(await findAuthor('nobody')).toBeUndefined();
  });

  it('gives a byline in the order asked, leaving out unknown ids', async () => {
    expect((await authorsByIds(['zoe', 'nobody', 'ana'])).map((a) => a.name)).toEqual(['Zoe Adler', 'Ana Ruiz']);
    expect(await authorsByIds([])).toEqual([]);
  });
});

describe('the in-memory copy', () => {
  it('is kept between calls, and dropped when content changes', async () => {
    expect((await findSection('business'))?.name).toBe('Business');
    expect((await findAuthor('ana'))?.name).toBe('Ana Ruiz');
    await t.db.update(sections).set({ name: 'Business & Economy' }).where(eq(sections.id, 'business'));
    await t.db.update(authors).set({ name: 'Ana Ruiz-Torres' }).where(eq(authors.id, 'ana'));

    // Still the copy: the store did not read the tables again.
    expect((await findSection('business'))?.name).toBe('Business');
    expect((await findAuthor('ana'))?.name).toBe('Ana Ruiz');

    await announceContentChange(['section:business', 'author:ana']);
    expect((await findSection('business'))?.name).toBe('Business & Economy');
    expect((await authorsByIds(['ana']))[0]?.name).toBe('Ana Ruiz-Torres');
  });

  it('sees a new section after any content change', async () => {
    await seedSections(t.db, [{ id: 'tech', name: 'Tech', position: 0 }]);
    expect(await findSection('tech')).toBeUndefined();
    await announceContentChange(['front']);
    expect((await allSections())[0]?.id).toBe('tech');
  });

  it('does not keep a failed read: the next call reads again', async () => {
    await announceContentChange(['front']);
    provideDatabase(Promise.reject(new Error('database away')));
    await expect(allAuthors()).rejects.toThrow('database away');
    useForStore(t);
    expect((await allAuthors()).length).toBe(3);
  });
});
