// The sections and authors step of a content-folder sync (content-folder-sync.ts): each YAML
// file saved when its text changed, and, at the end of the run, the rows whose file is gone
// removed when no story names them (reported otherwise: ingest-people.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/client.ts';
import { authors, sections } from '../../../db/schema/content.ts';
import type { ContentFiles } from './content-files.ts';
import { formatFileProblems } from './content-problems.ts';
import { idFromYamlPath, removeSectionOrAuthor, saveAuthor, saveSection, type PeopleKind } from './ingest-people.ts';
import type { SyncRun } from './content-folder-sync.ts';

type PeopleFiles = Pick<ContentFiles, 'sections' | 'authors'>;

export async function syncPeople(run: SyncRun, files: PeopleFiles): Promise<void> {
  const steps: [string[], typeof saveSection][] = [
    [files.sections, saveSection],
    [files.authors, saveAuthor],
  ];
  for (const [paths, save] of steps) {
    for (const sourcePath of paths) {
      const source = await readFile(path.join(run.root, sourcePath), 'utf8');
      // A bad file's problems are recorded by the save itself (undone with the rest in all-or-nothing).
      const result = await save(run.db, { sourcePath, source, now: run.options.now }, false);
      if (!result.ok) {
        run.counts.failed += 1;
        run.problems.push({ sourcePath, problems: result.problems });
        for (const line of formatFileProblems({ sourcePath, problems: result.problems })) run.options.log(line);
        continue;
      }
      if (result.changed) run.counts.saved += 1;
      else run.counts.unchanged += 1;
      for (const key of result.keys) run.keys.add(key);
    }
  }
}

async function storedIds(db: Db, kind: PeopleKind): Promise<string[]> {
  const rows = kind === 'section' ? await db.select({ id: sections.id }).from(sections) : await db.select({ id: authors.id }).from(authors);
  return rows.map((r) => r.id);
}

/** Sections and authors whose file is gone: removed, or reported while a story names them (a warning, not a failure). */
export async function removeGonePeople(run: SyncRun, files: PeopleFiles): Promise<void> {
  const kinds: [PeopleKind, string, string[]][] = [
    ['section', 'sections', files.sections],
    ['author', 'authors', files.authors],
  ];
  for (const [kind, folder, paths] of kinds) {
    const present = new Set(paths.map(idFromYamlPath));
    for (const id of await storedIds(run.db, kind)) {
      if (present.has(id)) continue;
      const sourcePath = `${folder}/${id}.yaml`;
      const result = await removeSectionOrAuthor(run.db, kind, { sourcePath, now: run.options.now }, false);
      for (const line of formatFileProblems({ sourcePath, problems: result.problems })) run.options.log(line);
      if (result.removed) run.options.log(`removed ${kind} ${id} (its file is gone)`);
      for (const key of result.keys) run.keys.add(key);
    }
  }
}
