// Sections and authors: few, read on nearly every page, so each list is read once and kept in
// memory until content changes (src/server/content/kept-until-content-changes.ts; the next
// call after a change reads them again).
import { asc } from 'drizzle-orm';
import { authors, sections } from '../../../db/schema/content.ts';
import { getDb } from '../db/database.ts';
import { jsonBytes, keptUntilContentChanges } from './kept-until-content-changes.ts';

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

/** Each list kept until content changes (a few KB for a newsroom's people). */
const keptList = <T extends object>() => keptUntilContentChanges<T>({ maxBytes: 1024 * 1024, ttlMs: 5 * 60_000, bytesOf: jsonBytes });
const keptSections = keptList<Section[]>();
const keptAuthors = keptList<Author[]>();

/** Every section in navigation order. */
export function allSections(): Promise<Section[]> {
  return keptSections.get('all', readSections);
}

export async function findSection(id: string): Promise<Section | undefined> {
  return (await allSections()).find((s) => s.id === id);
}

/** Every author, by name. */
export function allAuthors(): Promise<Author[]> {
  return keptAuthors.get('all', readAuthors);
}

export async function findAuthor(id: string): Promise<Author | undefined> {
  return (await allAuthors()).find((a) => a.id === id);
}

/** The authors with these ids in the order given (a byline); unknown ids are left out. */
export async function authorsByIds(ids: readonly string[]): Promise<Author[]> {
  const byId = new Map((await allAuthors()).map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
