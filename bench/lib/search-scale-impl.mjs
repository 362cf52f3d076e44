// The code bench/search-scale.mjs measures: this tree's searchStories and relatedStoriesFor, or,
// with --compare-with <commit>, those two files as they were at that commit (written to a temp
// folder by `git show`, their relative imports pointed back at this tree's modules).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, makeTempDir } from './harness.mjs';

const FILES = { search: 'src/server/search/search-stories.ts', lists: 'src/server/content/story-lists.ts' };

async function loadCurrent() {
  const [search, lists] = await Promise.all([import(path.join(ROOT, FILES.search)), import(path.join(ROOT, FILES.lists))]);
  return { label: 'this tree', searchStories: search.searchStories, relatedStoriesFor: lists.relatedStoriesFor };
}

function writeOldCopy(commit, file, dir) {
  const text = execFileSync('git', ['show', `${commit}:${file}`], { cwd: ROOT, encoding: 'utf8' });
  const from = path.dirname(path.join(ROOT, file));
  const pointed = text.replace(/from '([^']+)'/g, (_, spec) =>
    spec.startsWith('.') ? `from '${path.resolve(from, spec)}'` : `from '${import.meta.resolve(spec)}'`,
  );
  const target = path.join(dir, path.basename(file));
  mkdirSync(dir, { recursive: true });
  writeFileSync(target, pointed);
  return target;
}

async function loadAt(commit) {
  const dir = makeTempDir('search-scale-old-');
  const search = await import(pathToFileURL(writeOldCopy(commit, FILES.search, dir)).href);
  const lists = await import(pathToFileURL(writeOldCopy(commit, FILES.lists, dir)).href);
  return { label: `at ${commit}`, searchStories: search.searchStories, relatedStoriesFor: lists.relatedStoriesFor };
}

/** The implementations to measure: this tree's, and the one at `commit` if given (first). */
export async function implementations(commit) {
  return commit ? [await loadAt(commit), await loadCurrent()] : [await loadCurrent()];
}
