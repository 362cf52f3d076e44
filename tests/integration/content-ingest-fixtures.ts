// What the content ingest tests share: a content folder in a temporary directory (the repo's
// sections and authors, articles written by the test), a story file with the fields a test
// varies, and a look into every table of the database for a sentence.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../../db/client.ts';
import { syncContentFolder } from '../../src/server/content/content-folder-sync.ts';
import { freshDatabase, type TestDatabase } from '../support/test-db.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ContentFolder {
  root: string;
  /** Writes a file under the content folder (folders made as needed); returns its full path. */
  write(relative: string, text: string): string;
  remove(relative: string): void;
  dispose(): void;
}

export function contentFolder(label = 'ingest'): ContentFolder {
  const root = mkdtempSync(path.join(tmpdir(), `masthead-${label}-`));
  mkdirSync(path.join(root, 'articles'), { recursive: true });
  cpSync(path.join(ROOT, 'content/authors'), path.join(root, 'authors'), { recursive: true });
  cpSync(path.join(ROOT, 'content/sections'), path.join(root, 'sections'), { recursive: true });
  return {
    root,
    write(relative, text) {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: (relative) => rmSync(path.join(root, relative), { force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A fresh database holding the folder's sections and authors (and any article in it), as a first start leaves it. */
export async function freshDatabaseWithPeople(folder: ContentFolder, now: Date): Promise<TestDatabase> {
  const t = await freshDatabase();
  const taken = await syncContentFolder(t.db, folder.root, { now, log: () => {}, mode: 'per-file' });
  if (taken.counts.failed > 0) throw new Error(`the content folder ${folder.root} has files that could not be taken in`);
  return t;
}

/** A public/ folder in a temporary directory with images/chart.png (64 x 36), made with sharp. */
export async function publicFolderWithChart(): Promise<string> {
  const publicDir = mkdtempSync(path.join(tmpdir(), 'masthead-public-'));
  mkdirSync(path.join(publicDir, 'images'));
  await sharp({ create: { width: 64, height: 36, channels: 3, background: '#336699' } }).png().toFile(path.join(publicDir, 'images/chart.png'));
  return publicDir;
}

export interface StoryOptions {
  title?: string;
  section?: string;
  authors?: string[];
  tags?: string[];
  publishedAt?: string;
  draft?: boolean;
  /** Lines of YAML for the image field, e.g. ['image:', '  src: /images/x.png', '  alt: A chart']. */
  image?: string[];
  body?: string;
  keyInsight?: string;
  executiveAction?: string;
}

/** A valid story file (frontmatter and body with both locked parts) unless a test varies it. */
export function storyFile(o: StoryOptions = {}): string {
  const lines = [
    '---',
    `title: "${o.title ?? 'Harbour Bank lifts its dividend'}"`,
    'dek: "The bank returns more cash to shareholders after a record year."',
    'summary: "Harbour Bank raised its dividend. The locked part says what it means."',
    `section: ${o.section ?? 'business'}`,
    `authors: [${(o.authors ?? ['mei-lin-zhao']).join(', ')}]`,
    `tags: [${(o.tags ?? ['banks', 'dividends']).join(', ')}]`,
    `publishedAt: ${o.publishedAt ?? '2026-03-02T07:00:00Z'}`,
    `draft: ${o.draft ?? false}`,
    ...(o.image ?? []),
    '---',
    '',
    o.body ?? 'Harbour Bank raised its dividend by a fifth after a record year.',
    '',
    '<KeyInsights>',
    '',
    `- ${o.keyInsight ?? 'The payout rise signals confidence in next year.'}`,
    '',
    '</KeyInsights>',
    '',
    '<ExecutiveActions>',
    '',
    `1. ${o.executiveAction ?? 'Compare your payout with your closest peers.'}`,
    '',
    '</ExecutiveActions>',
    '',
  ];
  return lines.join('\n');
}

/** The tables (public schema) in which some row, read as text, contains `needle`. */
export async function tablesHolding(db: Db, needle: string): Promise<string[]> {
  const listed = await db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  const holding: string[] = [];
  for (const { name } of rowsOf<{ name: string }>(listed)) {
    const found = await db.execute(sql`select 1 from ${sql.identifier(name)} t where t::text ilike ${`%${needle}%`} limit 1`);
    if (rowsOf(found).length > 0) holding.push(name);
  }
  return holding;
}
