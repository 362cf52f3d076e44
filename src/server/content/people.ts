// Sections and authors: few, read on nearly every page, so each list is read once and kept in
// memory until content changes (onContentChange in src/server/content/content-changes.ts
// drops both; the next call reads them again).
import { asc } from 'drizzle-orm';
import { authors, sections } from '../../../db/schema/content.ts';
import { getDb } from '../db/database.ts';
import { onContentChange } from './content-changes.ts';

export interface Section {
  id: string;
  name: string;
  description: string;
  /** Position in the navigation, lowest first. */
  order: number;
}

export interface Author {
  id: string;
  name: string;
  role: string;
  bio: string;
}

/** One list read from the database and kept until content changes. A failed read is not
 * kept (the next call retries), and a read that a change overtook is not kept either. */
function keptList<T>(read: () => Promise<T[]>): { get(): Promise<T[]>; drop(): void } {
  let kept: Promise<T[]> | undefined;
  return {
    get() {
      if (kept) return kept;
      const reading = read();
      kept = reading;
      reading.catch(() => {
        if (kept === reading) kept = undefined;
      });
      return reading;
    },
    drop() {
      kept = undefined;
    },
  };
}

async function readSections(): Promise<Section[]> {
  const db = await getDb();
  return db
    .select({ id: sections.id, name: sections.name, description: sections.description, order: sections.position })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name));
}

async function readAuthors(): Promise<Author[]> {
  const db = await getDb();
  return db.select({ id: authors.id, name: authors.name, role: authors.role, bio: authors.bio }).from(authors).orderBy(asc(authors.name), asc(authors.id));
}

const sectionList = keptList(readSections);
const authorList = keptList(readAuthors);

onContentChange(() => {
  sectionList.drop();
  authorList.drop();
});

/** Every section in navigation order. */
export function allSections(): Promise<Section[]> {
  return sectionList.get();
}

export async function findSection(id: string): Promise<Section | undefined> {
  return (await allSections()).find((s) => s.id === id);
}

/** Every author, by name. */
export function allAuthors(): Promise<Author[]> {
  return authorList.get();
}

export async function findAuthor(id: string): Promise<Author | undefined> {
  return (await allAuthors()).find((a) => a.id === id);
}

/** The authors with these ids in the order given (a byline); unknown ids are left out. */
export async function authorsByIds(ids: readonly string[]): Promise<Author[]> {
  const byId = new Map((await allAuthors()).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
